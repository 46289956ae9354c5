// `@seqstore/server/node`: the node:http adapter alone (the package root exports it too). Loads no Express.
export {
  createNodeHandler,
  createServiceNodeHandler,
  type NodeHandlerOptions,
  type NodeRequestListener,
  type ServiceNodeHandlerOptions,
} from "./create-node-handler.js";
