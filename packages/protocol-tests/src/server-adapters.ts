// The two server adapters of @seqstore/server, each listening on a real socket on 127.0.0.1 and
// serving the generated server stub of the service under test with the judge's handlers.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { createNodeHandler, type OperationTable, type ServiceDefinition } from "@seqstore/server";
import { createRouter } from "@seqstore/server/express";

export type AdapterName = "node" | "express";
export const ADAPTERS: readonly AdapterName[] = ["node", "express"];

/** What every handler does: called with the operation's name and the bound input. */
export type Dispatch = (operationName: string, input: unknown) => Promise<unknown>;

/** Called with each incoming request before the adapter reads it. */
export type BeforeAdapter = (request: IncomingMessage) => void;

export interface ServerStub {
  operations: OperationTable;
  document: unknown;
  handlerNames: readonly string[];
}

export interface RunningServer {
  port: number;
  /** What the adapter reported as unexpected failures (each 500 it answered has one); cleared by the judge. */
  failures: unknown[];
  close(): Promise<void>;
}

export async function startAdapter(
  adapter: AdapterName,
  stub: ServerStub,
  dispatch: Dispatch,
  beforeAdapter?: BeforeAdapter,
): Promise<RunningServer> {
  const handlers = Object.fromEntries(
    stub.handlerNames.map((name) => [
      name,
      (input: unknown, context: { operationName: string }) => dispatch(context.operationName, input),
    ]),
  );
  const failures: unknown[] = [];
  const quiet = { onError: (error: unknown) => void failures.push(error) };
  // The service as data, as a generated stub's service.ts hands it over.
  const service: ServiceDefinition = {
    operations: stub.operations,
    document: stub.document as ServiceDefinition["document"],
    errorClasses: {},
  };
  let listener: (req: IncomingMessage, res: ServerResponse) => void;
  if (adapter === "node") {
    listener = createNodeHandler(service, handlers, quiet);
  } else {
    const app = express();
    app.use(createRouter(service, handlers, quiet));
    listener = app;
  }
  const server: Server = createServer(
    beforeAdapter === undefined
      ? listener
      : (req, res) => {
          beforeAdapter(req);
          listener(req, res);
        },
  );
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    port,
    failures,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
