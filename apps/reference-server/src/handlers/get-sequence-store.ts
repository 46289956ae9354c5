import type { CallerContext } from "../caller.js";
import type { SequenceStoreRepository } from "../storage/sequence-store-repository.js";
import { sequenceStoreNotFound } from "./not-found.js";
import type { GetSequenceStoreInput, GetSequenceStoreOutput } from "./operation-types.js";
import { toFullView } from "./store-views.js";

export async function getSequenceStore(
  deps: { repository: SequenceStoreRepository },
  input: GetSequenceStoreInput,
  caller: CallerContext,
): Promise<GetSequenceStoreOutput> {
  const store = await deps.repository.get(caller.accountId, input.id);
  if (store === undefined) throw sequenceStoreNotFound(input.id);
  return toFullView(store);
}
