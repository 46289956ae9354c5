// `@seqstore/server/node`: the node:http adapter alone (the package root exports it too). Loads no Express.
export {
  createNodeHandler,
  type NodeHandlerOptions,
  type NodeRequestListener,
} from "./create-node-handler.js";
