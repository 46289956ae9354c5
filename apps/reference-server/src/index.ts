export { type AppConfig, type AppDependencies, createApp, type ReferenceServerApp } from "./app.js";
export { type CallerContext, configuredCaller } from "./caller.js";
export { ConfigError, DEFAULT_CONFIG, HELP_TEXT, parseCommandLine, type ServerConfig } from "./config.js";
export {
  createOmicsHandlers,
  type HandlerDependencies,
  type ReferenceContext,
} from "./handlers/omics-handlers.js";
export { type RunningServer, startServer } from "./server.js";
export type { ListPage, SequenceStoreRepository } from "./storage/sequence-store-repository.js";
export type * from "./storage/sequence-store-record.js";
export { type Durability, openDatabase } from "./storage/sqlite/open-database.js";
export {
  openSqliteRepository,
  SqliteSequenceStoreRepository,
} from "./storage/sqlite/sqlite-sequence-store-repository.js";
