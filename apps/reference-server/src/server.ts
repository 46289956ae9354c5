import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AppDependencies, createApp } from "./app.js";
import type { ServerConfig } from "./config.js";

/** How long a shutdown waits for in-flight requests before cutting their connections. */
const DRAIN_TIMEOUT_MS = 10_000;
const IDLE_SWEEP_MS = 50;

export interface RunningServer {
  /** Base URL with the bound port, e.g. http://127.0.0.1:41234. */
  url: string;
  server: Server;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

export function urlOf(address: AddressInfo): string {
  const host =
    address.family === "IPv6" || address.address.includes(":") ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

export async function startServer(config: ServerConfig, deps: AppDependencies = {}): Promise<RunningServer> {
  const app = createApp(config, deps);
  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(config.port, config.host, (error?: Error) =>
        error ? reject(error) : resolve(listening),
      );
    });
  } catch (error) {
    await app.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
      // A keep-alive connection becomes idle once its last response is sent; drop such connections as
      // they appear instead of waiting for the client to hang up.
      const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
      force.unref();
      sweep.unref();
      server.close(() => {
        clearTimeout(force);
        clearInterval(sweep);
        resolve();
      });
      server.closeIdleConnections();
    }).then(() => app.close());
    return closing;
  };

  return { url: urlOf(server.address() as AddressInfo), server, close };
}
