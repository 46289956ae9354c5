import { createRouter, type ErrorReporter } from "@seqstore/server";
import express, { type Express } from "express";
import { configuredCaller } from "./caller.js";
import type { ServerConfig } from "./config.js";
import { createOmicsHandlers, type HandlerDependencies } from "./handlers/omics-handlers.js";
import type { SequenceStoreRepository } from "./storage/sequence-store-repository.js";
import type { Durability } from "./storage/sqlite/open-database.js";
import { openSqliteRepository } from "./storage/sqlite/sqlite-sequence-store-repository.js";

export type AppConfig = Pick<ServerConfig, "db" | "region" | "accountId" | "maxStores">;

export interface AppDependencies extends Partial<Pick<HandlerDependencies, "now" | "newId">> {
  /** A repository owned by the caller; when absent the app opens config.db and owns it. */
  repository?: SequenceStoreRepository;
  durability?: Durability;
  /** Where unexpected errors (answered as 500 InternalServerException) are reported; default console.error. */
  onError?: ErrorReporter;
}

/** An Express app that also holds its storage, so whoever starts it can shut it down. */
export type ReferenceServerApp = Express & {
  readonly repository: SequenceStoreRepository;
  /** Closes the repository if the app opened it. Call after the HTTP server has stopped. */
  close(): Promise<void>;
};

export function createApp(config: AppConfig, deps: AppDependencies = {}): ReferenceServerApp {
  const owned = deps.repository === undefined;
  const repository =
    deps.repository ??
    openSqliteRepository(config.db, deps.durability ? { durability: deps.durability } : {});
  const handlers = createOmicsHandlers({
    repository,
    maxStores: config.maxStores,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.newId ? { newId: deps.newId } : {}),
  });

  const app = express();
  app.disable("x-powered-by");
  app.use(
    createRouter(handlers, {
      context: configuredCaller(config),
      ...(deps.onError ? { onError: deps.onError } : {}),
    }),
  );

  return Object.assign(app, {
    repository,
    close: async () => {
      if (owned) await repository.close();
    },
  });
}
