// Helpers the code generators (types, client, server) share: what a service exposes, doc comments,
// and loading the assembled model.
export { isPreludeShape, serviceClosure } from "./closure.js";
export { plainDocText, renderDocComment } from "./docs.js";
export type { LoadGeneratedModelOptions } from "./load-model.js";
export { GENERATED_MODEL_PATH, loadGeneratedModel, pickService } from "./load-model.js";
export type {
  CodegenSide,
  CodegenSupport,
  CodegenSupportOptions,
  SupportEntry,
  SupportStatus,
} from "./support.js";
export {
  CODEGEN_SIDES,
  CODEGEN_SUPPORT_EVENT,
  checkCodegenSupport,
  findSupportEntry,
  operationsAffected,
  parseCodegenSupport,
  SUPPORT_STATUSES,
  withoutOperations,
} from "./support.js";
