import { ConflictException } from "@seqstore/server";
import type { CallerContext } from "../caller.js";
import type { SequenceStoreRepository } from "../storage/sequence-store-repository.js";
import { sequenceStoreNotFound } from "./not-found.js";
import type { DeleteSequenceStoreInput, DeleteSequenceStoreOutput } from "./operation-types.js";

export interface DeleteSequenceStoreDependencies {
  repository: SequenceStoreRepository;
  now: () => Date;
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
