// A node:http server on 127.0.0.1 for the enclosing test suite (started before it, closed after it).
import { once } from "node:events";
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

export function localServer(handler: RequestListener): { port(): number } {
  const server = createServer(handler);
  beforeAll(async () => {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
  });
  afterAll(async () => {
    server.close();
    await once(server, "close");
  });
  return { port: () => (server.address() as AddressInfo).port };
}
