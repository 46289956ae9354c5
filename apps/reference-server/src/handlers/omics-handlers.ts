import type { HandlerContext, OmicsHandlers } from "@seqstore/server";
import type { CallerContext } from "../caller.js";
import type { SequenceStoreRepository } from "../storage/sequence-store-repository.js";
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
  return {
    createSequenceStore: (input, context) => createSequenceStore(operationDeps, input, context),
    getSequenceStore: (input, context) => getSequenceStore(operationDeps, input, context),
    listSequenceStores: (input, context) => listSequenceStores(operationDeps, input, context),
    updateSequenceStore: (input, context) => updateSequenceStore(operationDeps, input, context),
    deleteSequenceStore: (input, context) => deleteSequenceStore(operationDeps, input, context),
  };
}
