// What both HTTP front ends (the Express app and the node:http listener) share: storage, handlers,
// authentication and throttling, as the stub's adapter options.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type AdapterOptions,
  type ErrorReporter,
  type OmicsHandlers,
  omicsOpenApiDocument,
  type ProtocolRequest,
  ThrottlingException,
} from "@seqstore/server";
import { createAuthenticator } from "./auth/authenticator.js";
import { localCredential } from "./auth/credentials.js";
import { redactSigningDebug } from "./auth/redact.js";
import { type CallerContext, callerContext } from "./caller.js";
import { DEFAULT_CONFIG, type ServerConfig } from "./config.js";
import {
  createOmicsHandlers,
  type HandlerDependencies,
  type ReferenceContext,
} from "./handlers/omics-handlers.js";
import { createInfoRoutes, type InfoRoutes, serverVersion } from "./http/info-routes.js";
import { InFlightCalls } from "./in-flight-calls.js";
import { ReadSetRuntime } from "./handlers/read-sets/read-set-runtime.js";
import { createLogger, type Logger } from "./logging/logger.js";
import { ReadSetRepository } from "./storage/read-sets/read-set-repository.js";
import { isPostgresUrl } from "./storage/postgres/connection.js";
import type { SequenceStoreRepository } from "./storage/sequence-store-repository.js";
import type { Durability } from "./storage/sqlite/open-database.js";
import { openSqliteRepository } from "./storage/sqlite/sqlite-sequence-store-repository.js";
import { AccountThrottle } from "./throttling/token-bucket.js";

/**
 * What the app needs from the configuration. Options added after the first release are optional, with the
 * command line's defaults: SigV4 with the local default credentials for accountId, no throttling, a 10 s body
 * timeout, 10 s for headers, 1 MiB bodies, info logs.
 */
export type AppConfig = Pick<ServerConfig, "db" | "region" | "accountId" | "maxStores"> &
  Partial<
    Pick<
      ServerConfig,
      | "dataDir"
      | "auth"
      | "credentials"
      | "rateLimit"
      | "burst"
      | "bodyTimeoutMs"
      | "headersTimeoutMs"
      | "maxBodyBytes"
      | "logLevel"
      | "infoRoutes"
    >
  >;

export interface AppDependencies extends Partial<Pick<HandlerDependencies, "now" | "newId">> {
  /**
   * A repository owned by the caller; when absent the app opens config.db (a SQLite file) and owns it. A
   * PostgreSQL database must be opened first (openRepository; startServer does so).
   */
  repository?: SequenceStoreRepository;
  durability?: Durability;
  /** Where unexpected errors (answered as 500 InternalServerException) are reported; default the logger. */
  onError?: ErrorReporter;
  /** Default: JSON lines on stdout at config.logLevel. */
  logger?: Logger;
  /** The clock signatures are checked against (default: the wall clock). */
  signingClock?: () => Date;
  /** Milliseconds of a monotonic clock for rate limits (default: performance.now). */
  throttleClock?: () => number;
  /** How long close() waits for handler calls still running before it closes storage (default 10 s). */
  handlerDrainMs?: number;
}

/** How long a shutdown waits for handler calls whose clients may have gone (see ReferenceService.close). */
const HANDLER_DRAIN_MS = 10_000;

/** Where read-set files go (see ServerConfig.dataDir); a temporary folder is removed at shutdown. */
function resolveDataDir(config: AppConfig): { path: string; temporary: boolean } {
  if (config.dataDir !== undefined) return { path: config.dataDir, temporary: false };
  if (config.db === ":memory:") {
    return { path: mkdtempSync(path.join(tmpdir(), "seqstore-data-")), temporary: true };
  }
  if (isPostgresUrl(config.db)) return { path: path.resolve(".data"), temporary: false };
  return { path: path.dirname(path.resolve(config.db)), temporary: false };
}

/** The service behind either front end, and what it needs to be shut down. */
export interface ReferenceService {
  readonly repository: SequenceStoreRepository;
  readonly logger: Logger;
  readonly handlers: OmicsHandlers<ReferenceContext>;
  /** Options for createRouter / createNodeHandler (without onResponse, which each front end adds). */
  readonly adapterOptions: AdapterOptions<CallerContext>;
  readonly maxBodyBytes: number;
  /** The /_seqstore/ routes (health, OpenAPI document, docs page); undefined when turned off. */
  readonly infoRoutes: InfoRoutes | undefined;
  /** Resolves once read-set storage is open and swept (rejects when it cannot be); servers await it before listening. */
  ready(): Promise<void>;
  /**
   * Waits for handler calls still running (at most AppDependencies.handlerDrainMs), then closes the
   * repository if the service opened it. Call after the HTTP server has stopped.
   */
  close(): Promise<void>;
}

export function createReferenceService(config: AppConfig, deps: AppDependencies = {}): ReferenceService {
  const logger = deps.logger ?? createLogger(config.logLevel ?? DEFAULT_CONFIG.logLevel);
  const owned = deps.repository === undefined;
  if (deps.repository === undefined && isPostgresUrl(config.db)) {
    throw new Error(
      "a PostgreSQL database is opened asynchronously: open it with openRepository() and pass it as " +
        "deps.repository (startServer does this)",
    );
  }
  const repository =
    deps.repository ??
    openSqliteRepository(config.db, deps.durability ? { durability: deps.durability } : {});
  const dataDir = resolveDataDir(config);
  const readSets = new ReadSetRepository(repository.readSetEngine());
  const readSetRuntime = new ReadSetRuntime({ dataDir: dataDir.path, readSets, stores: repository, logger });
  // Counted, so close() can wait for calls still running (their clients may have gone) before storage closes.
  const calls = new InFlightCalls();
  const handlers = calls.track(
    createOmicsHandlers({
      repository,
      readSets,
      readSetRuntime,
      maxStores: config.maxStores,
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.newId ? { newId: deps.newId } : {}),
    }),
  );

  const authenticator = createAuthenticator({
    mode: config.auth ?? DEFAULT_CONFIG.auth,
    credentials: config.credentials ?? [localCredential(config.accountId)],
    region: config.region,
    accountId: config.accountId,
    ...(deps.signingClock ? { now: deps.signingClock } : {}),
    onRefused: (failure) =>
      logger.debug(
        { code: failure.code, ...(failure.debug ? redactSigningDebug(failure.debug) : {}) },
        "signature refused",
      ),
  });
  const rateLimit = config.rateLimit ?? 0;
  const throttle =
    rateLimit > 0
      ? new AccountThrottle(
          { ratePerSecond: rateLimit, burst: config.burst ?? Math.max(1, Math.ceil(rateLimit)) },
          deps.throttleClock,
        )
      : undefined;
  const onError: ErrorReporter =
    deps.onError ??
    ((error, info) =>
      logger.error(
        { err: error, requestId: info.requestId, operation: info.operationName },
        "unexpected error",
      ));
  const maxBodyBytes = config.maxBodyBytes ?? DEFAULT_CONFIG.maxBodyBytes;

  const adapterOptions: AdapterOptions<CallerContext> = {
    // The whole caller context comes from here, with no `context` hook: the stub then builds the handler's
    // context from one object instead of merging two.
    authenticate: (request: ProtocolRequest) => {
      const identity = authenticator(request);
      // Only signed requests count against an account's rate, as in AWS.
      if (throttle && !throttle.allow(identity.accountId)) {
        throw new ThrottlingException({ message: "Rate exceeded" });
      }
      return callerContext(identity, config.region, request.headers);
    },
    onError,
    ...(config.bodyTimeoutMs !== undefined ? { bodyTimeoutMs: config.bodyTimeoutMs } : {}),
    // Chunked bodies (no Content-Length) over the limit are refused by the stub's body reader.
    bodyLimit: maxBodyBytes,
  };

  const infoRoutes =
    (config.infoRoutes ?? DEFAULT_CONFIG.infoRoutes)
      ? createInfoRoutes({
          document: omicsOpenApiDocument,
          version: serverVersion(),
          // Any read that reaches storage: an account no request can have.
          probeStorage: () => repository.count("000000000000"),
        })
      : undefined;

  return {
    repository,
    logger,
    handlers,
    adapterOptions,
    maxBodyBytes,
    infoRoutes,
    ready: async () => {
      await readSetRuntime.parts();
    },
    close: async () => {
      if (!(await calls.settled(deps.handlerDrainMs ?? HANDLER_DRAIN_MS))) {
        logger.warn({ calls: calls.count }, "closing storage while handler calls still run");
      }
      await readSetRuntime.parts().catch(() => undefined);
      await readSetRuntime.idle();
      if (owned) await repository.close();
      if (dataDir.temporary) rmSync(dataDir.path, { recursive: true, force: true });
    },
  };
}
