import { omicsService } from "@seqstore/server";
import { createRouter } from "@seqstore/server/express";
import express, { type Express } from "express";
import { refuseOversizeBodies } from "./http/early-body-limit.js";
import { accessLog } from "./logging/express-access-log.js";
import type { Logger } from "./logging/logger.js";
import { type AppConfig, type AppDependencies, createReferenceService } from "./service.js";
import type { SequenceStoreRepository } from "./storage/sequence-store-repository.js";

export type { AppConfig, AppDependencies };

/** An Express app that also holds its storage, so whoever starts it can shut it down. */
export type ReferenceServerApp = Express & {
  readonly repository: SequenceStoreRepository;
  readonly logger: Logger;
  /** Closes the repository if the app opened it. Call after the HTTP server has stopped. */
  close(): Promise<void>;
};

/**
 * The service as an Express app, for mounting next to other routes. The command line serves the same
 * service through the faster node:http listener (see node-listener.ts); both answer alike.
 */
export function createApp(config: AppConfig, deps: AppDependencies = {}): ReferenceServerApp {
  const service = createReferenceService(config, deps);
  const app = express();
  app.disable("x-powered-by");
  const { infoRoutes } = service;
  if (infoRoutes) {
    app.use((req, res, next) => {
      if (!infoRoutes(req, res)) next();
    });
  }
  app.use(accessLog(service.logger));
  app.use(refuseOversizeBodies(service.maxBodyBytes));
  app.use(createRouter(omicsService, service.handlers, service.adapterOptions));
  return Object.assign(app, {
    repository: service.repository,
    logger: service.logger,
    close: service.close,
  });
}
