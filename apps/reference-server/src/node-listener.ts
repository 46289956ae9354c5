// The service as a plain node:http request listener (the stub's node adapter, no Express in between): what
// the command line serves. Several times cheaper per request than the Express app, with the same answers.
import { createNodeHandler, type NodeRequestListener, omicsService } from "@seqstore/server";
import { accessLogReporter, type Logger } from "./logging/logger.js";
import { type AppConfig, type AppDependencies, createReferenceService } from "./service.js";
import type { SequenceStoreRepository } from "./storage/sequence-store-repository.js";

export interface ReferenceListener {
  readonly listener: NodeRequestListener;
  readonly repository: SequenceStoreRepository;
  readonly logger: Logger;
  /** Resolves once read-set storage is open and swept. */
  ready(): Promise<void>;
  /** Closes the repository if the listener opened it. Call after the HTTP server has stopped. */
  close(): Promise<void>;
}

export function createReferenceListener(config: AppConfig, deps: AppDependencies = {}): ReferenceListener {
  const service = createReferenceService(config, deps);
  // The adapter refuses an announced Content-Length over bodyLimit before reading the body, as the
  // Express app's early-body-limit middleware does.
  const onResponse = accessLogReporter(service.logger);
  const listener = createNodeHandler(omicsService, service.handlers, {
    ...service.adapterOptions,
    ...(onResponse ? { onResponse } : {}),
  });
  const { infoRoutes } = service;
  return {
    listener: infoRoutes
      ? (req, res) => {
          if (!infoRoutes(req, res)) listener(req, res);
        }
      : listener,
    repository: service.repository,
    logger: service.logger,
    ready: service.ready,
    close: service.close,
  };
}
