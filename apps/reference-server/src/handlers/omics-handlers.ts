import type { HandlerContext, OmicsHandlers } from "@seqstore/server";
import type { CallerContext } from "../caller.js";
import type { SequenceStoreRepository } from "../storage/sequence-store-repository.js";
import type { ReadSetHandlerDeps } from "./read-sets/common.js";
import {
  batchDeleteReadSet,
  getReadSet,
  getReadSetMetadata,
  listReadSets,
} from "./read-sets/read-set-handlers.js";
import type { ReadSetRuntime } from "./read-sets/read-set-runtime.js";
import {
  abortMultipartReadSetUpload,
  completeMultipartReadSetUpload,
  createMultipartReadSetUpload,
  listMultipartReadSetUploads,
  listReadSetUploadParts,
  uploadReadSetPart,
} from "./read-sets/upload-handlers.js";
import type { ReadSetRepository } from "../storage/read-sets/read-set-repository.js";
import { createSequenceStore } from "./create-sequence-store.js";
import { deleteSequenceStore } from "./delete-sequence-store.js";
import { getSequenceStore } from "./get-sequence-store.js";
import { listSequenceStores } from "./list-sequence-stores.js";
import { updateSequenceStore } from "./update-sequence-store.js";

export type ReferenceContext = HandlerContext & CallerContext;

export interface HandlerDependencies {
  repository: SequenceStoreRepository;
  /** Most stores an account may hold. */
  maxStores: number;
  /**
   * Read sets: their records and their files. The service always passes both; unit tests of the store
   * handlers may leave them out, and then a read-set operation fails (500) saying so.
   */
  readSets?: ReadSetRepository;
  readSetRuntime?: ReadSetRuntime;
  /** Injected for tests; defaults to the wall clock and to ids the repository chooses. */
  now?: () => Date;
  newId?: (() => string) | undefined;
}

/** The reference implementation of every operation of the service. */
export function createOmicsHandlers(deps: HandlerDependencies): OmicsHandlers<ReferenceContext> {
  const operationDeps = {
    repository: deps.repository,
    maxStores: () => deps.maxStores,
    now: deps.now ?? (() => new Date()),
    newId: deps.newId,
  };
  const readSetDeps = (): ReadSetHandlerDeps => {
    if (deps.readSets === undefined || deps.readSetRuntime === undefined) {
      throw new Error("read-set operations need HandlerDependencies.readSets and readSetRuntime");
    }
    return {
      stores: deps.repository,
      readSets: deps.readSets,
      runtime: deps.readSetRuntime,
      now: operationDeps.now,
    };
  };
  return {
    createMultipartReadSetUpload: (input, context) =>
      createMultipartReadSetUpload(readSetDeps(), input, context),
    uploadReadSetPart: (input, context) => uploadReadSetPart(readSetDeps(), input, context),
    completeMultipartReadSetUpload: (input, context) =>
      completeMultipartReadSetUpload(readSetDeps(), input, context),
    abortMultipartReadSetUpload: (input, context) =>
      abortMultipartReadSetUpload(readSetDeps(), input, context),
    listMultipartReadSetUploads: (input, context) =>
      listMultipartReadSetUploads(readSetDeps(), input, context),
    listReadSetUploadParts: (input, context) => listReadSetUploadParts(readSetDeps(), input, context),
    getReadSet: (input, context) => getReadSet(readSetDeps(), input, context),
    getReadSetMetadata: (input, context) => getReadSetMetadata(readSetDeps(), input, context),
    listReadSets: (input, context) => listReadSets(readSetDeps(), input, context),
    batchDeleteReadSet: (input, context) => batchDeleteReadSet(readSetDeps(), input, context),
    createSequenceStore: (input, context) => createSequenceStore(operationDeps, input, context),
    getSequenceStore: (input, context) => getSequenceStore(operationDeps, input, context),
    listSequenceStores: (input, context) => listSequenceStores(operationDeps, input, context),
    updateSequenceStore: (input, context) => updateSequenceStore(operationDeps, input, context),
    deleteSequenceStore: (input, context) =>
      deleteSequenceStore({ ...operationDeps, readSets: deps.readSets }, input, context),
  };
}
