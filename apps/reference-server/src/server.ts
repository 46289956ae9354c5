import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_CONFIG, type ServerConfig } from "./config.js";
import { answerClientError } from "./http/client-errors.js";
import { httpTimeouts } from "./http/server-timeouts.js";
import { createLogger } from "./logging/logger.js";
import { createReferenceListener } from "./node-listener.js";
import type { AppConfig, AppDependencies } from "./service.js";
import { openRepository } from "./storage/open-repository.js";
import { isPostgresUrl } from "./storage/postgres/connection.js";

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

export async function startServer(
  config: AppConfig & Pick<ServerConfig, "host" | "port">,
  deps: AppDependencies = {},
): Promise<RunningServer> {
  // PostgreSQL is reached over the network, so it is opened here, before the listener; the server owns it.
  const logger = deps.logger ?? createLogger(config.logLevel ?? DEFAULT_CONFIG.logLevel);
  const owned =
    deps.repository === undefined && isPostgresUrl(config.db)
      ? await openRepository(config.db, {
          onIdleError: (error) => logger.warn({ err: error }, "a PostgreSQL connection failed"),
        })
      : undefined;
  const app = createReferenceListener(config, {
    ...deps,
    logger,
    ...(owned ? { repository: owned } : {}),
  });
  const closeApp = async () => {
    await app.close();
    await owned?.close();
  };
  const server = createServer(
    httpTimeouts({
      headersTimeoutMs: config.headersTimeoutMs ?? DEFAULT_CONFIG.headersTimeoutMs,
      bodyTimeoutMs: config.bodyTimeoutMs ?? DEFAULT_CONFIG.bodyTimeoutMs,
    }),
    app.listener,
  );
  server.on(
    "clientError",
    answerClientError((code, status) => app.logger.debug({ code, status }, "malformed request refused")),
  );
  try {
    // The start-up sweep of read-set files ends before the first request is taken.
    await app.ready();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await closeApp();
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
    }).then(closeApp);
    return closing;
  };

  return { url: urlOf(server.address() as AddressInfo), server, close };
}
