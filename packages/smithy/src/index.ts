// Public API of @seqstore/smithy.
export * from "./ast.js";
export * from "./events.js";
export * from "./model/index.js";
export * from "./openapi/index.js";
export * from "./build/index.js";
export { parseIdl } from "./idl/parser.js";
export type { IdlFile } from "./idl/writer.js";
export { writeIdl } from "./idl/writer.js";
export { IdlSyntaxError } from "./idl/syntax-error.js";
export type { LoadOptions, LoadResult, ModelSource } from "./loader/load-model.js";
export { loadModel, loadModelFromPaths } from "./loader/load-model.js";
export type { SerializeOptions } from "./loader/serialize.js";
export { serializeModel } from "./loader/serialize.js";
export * from "./diff/index.js";
export type { SelectorExpression } from "./selector/index.js";
export { compileSelector, Selector, SelectorSyntaxError } from "./selector/index.js";
export * from "./codegen/index.js";
