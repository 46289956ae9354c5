export { type AppConfig, type AppDependencies, createApp, type ReferenceServerApp } from "./app.js";
export { createReferenceListener, type ReferenceListener } from "./node-listener.js";
export { createReferenceService, type ReferenceService } from "./service.js";
export {
  AUTH_MODES,
  type AuthenticatorOptions,
  type AuthMode,
  type CallerIdentity,
  createAuthenticator,
  SIGNING_NAME,
} from "./auth/authenticator.js";
export { authBanner } from "./auth/banner.js";
export {
  type AccountCredential,
  LOCAL_CREDENTIALS,
  localCredential,
  parseCredentialsFile,
  parseCredentialsList,
} from "./auth/credentials.js";
export { type CallerContext, callerContext } from "./caller.js";
export { ConfigError, DEFAULT_CONFIG, HELP_TEXT, parseCommandLine, type ServerConfig } from "./config.js";
export {
  createOmicsHandlers,
  type HandlerDependencies,
  type ReferenceContext,
} from "./handlers/omics-handlers.js";
export { accessLog } from "./logging/express-access-log.js";
export { accessLogReporter, createLogger, LOG_LEVELS, type LogLevel } from "./logging/logger.js";
export { type RunningServer, startServer } from "./server.js";
export type { ListPage, SequenceStoreRepository } from "./storage/sequence-store-repository.js";
export type * from "./storage/sequence-store-record.js";
export { type Durability, openDatabase } from "./storage/sqlite/open-database.js";
export {
  openSqliteRepository,
  SqliteSequenceStoreRepository,
} from "./storage/sqlite/sqlite-sequence-store-repository.js";
export { AccountThrottle, type RateLimit, TokenBucket } from "./throttling/token-bucket.js";
export { type OpenRepositoryOptions, openRepository } from "./storage/open-repository.js";
export { isPostgresUrl, redactPostgresUrl } from "./storage/postgres/connection.js";
export {
  openPostgresRepository,
  PostgresSequenceStoreRepository,
} from "./storage/postgres/postgres-sequence-store-repository.js";
