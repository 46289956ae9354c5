import { ConflictException } from "@seqstore/server";
import type { CallerContext } from "../caller.js";
import type { ReadSetRepository } from "../storage/read-sets/read-set-repository.js";
import type { SequenceStoreRepository } from "../storage/sequence-store-repository.js";
import { sequenceStoreNotFound } from "./not-found.js";
import type { DeleteSequenceStoreInput, DeleteSequenceStoreOutput } from "./operation-types.js";

export interface DeleteSequenceStoreDependencies {
  repository: SequenceStoreRepository;
  now: () => Date;
  /** When given, a store that still holds read sets or uploads is not deleted (409). */
  readSets?: ReadSetRepository | undefined;
}

/**
 * Deletes at once (AWS passes through DELETING; nothing here is asynchronous). Deleting an id that is gone
 * answers 404, as AWS does: repeating the call has no further effect, which is what @idempotent promises.
 */
export async function deleteSequenceStore(
  deps: DeleteSequenceStoreDependencies,
  input: DeleteSequenceStoreInput,
  caller: CallerContext,
): Promise<DeleteSequenceStoreOutput> {
  // Checked before the delete, not in its transaction: a read set started in between is left to its own
  // store id (no other account can reach it, and a new store never gets the same id).
  if (await deps.readSets?.storeHoldsData(caller.accountId, input.id)) {
    throw new ConflictException({
      message: `Sequence store ${input.id} still holds read sets or uploads; delete or abort them first.`,
    });
  }
  const outcome = await deps.repository.delete({
    accountId: caller.accountId,
    id: input.id,
    now: deps.now(),
  });
  switch (outcome.kind) {
    case "deleted":
      return {};
    case "notFound":
      throw sequenceStoreNotFound(input.id);
    case "conflict":
      throw new ConflictException({
        message: `Sequence store ${input.id} is ${outcome.status} and cannot be deleted now.`,
      });
  }
}
