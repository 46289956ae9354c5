// Every bench server listens on 127.0.0.1 (never beyond this machine) and prints its URL once it does.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

export function listenAndAnnounce(server: Server): void {
  server.keepAliveTimeout = 65_000;
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
