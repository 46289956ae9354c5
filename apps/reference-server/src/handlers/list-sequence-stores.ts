import { ValidationException } from "@seqstore/server";
import type { CallerContext } from "../caller.js";
import type { SequenceStoreRepository } from "../storage/sequence-store-repository.js";
import type { SequenceStoreListFilter } from "../storage/sequence-store-record.js";
import { decodeListToken, encodeListToken, type TokenBinding } from "./list-token.js";
import type { ListSequenceStoresInput, ListSequenceStoresOutput } from "./operation-types.js";
import { requestFingerprint } from "./request-fingerprint.js";
import { toDetail } from "./store-views.js";

/**
 * Page size when maxResults is absent. AWS documents only the range (1–100), not a default; the largest
 * page is the useful one, and the SDK paginators send maxResults only when asked to.
 */
export const DEFAULT_MAX_RESULTS = 100;

export async function listSequenceStores(
  deps: { repository: SequenceStoreRepository },
  input: ListSequenceStoresInput,
  caller: CallerContext,
): Promise<ListSequenceStoresOutput> {
  const filter = toStorageFilter(input.filter);
  const binding: TokenBinding = {
    secret: await deps.repository.secret("list-token"),
    accountId: caller.accountId,
    filterHash: requestFingerprint(filter),
  };
  let after: { creationTime: Date; id: string } | undefined;
  if (input.nextToken !== undefined) {
    after = decodeListToken(binding, input.nextToken);
    if (after === undefined) {
      const message =
        "The nextToken is not valid: it was not issued by ListSequenceStores, was changed, or belongs to " +
        "another account or another filter. Repeat the request with the filter of the first page.";
      throw new ValidationException({ message, fieldList: [{ path: "/nextToken", message }] });
    }
  }
  // The stub has already checked the range 1..100.
  const limit = input.maxResults ?? DEFAULT_MAX_RESULTS;
  // One row more than the page tells whether another page exists, so the last page carries no token.
  const stores = await deps.repository.list(caller.accountId, {
    limit: limit + 1,
    filter,
    ...(after !== undefined ? { after } : {}),
  });
  const page = stores.slice(0, limit);
  const output: ListSequenceStoresOutput = { sequenceStores: page.map(toDetail) };
  const last = page.at(-1);
  if (stores.length > limit && last !== undefined) {
    output.nextToken = encodeListToken(binding, { creationTime: last.creationTime, id: last.id });
  }
  return output;
}

function toStorageFilter(filter: ListSequenceStoresInput["filter"]): SequenceStoreListFilter {
  const out: SequenceStoreListFilter = {};
  if (filter === undefined) return out;
  if (filter.name !== undefined) out.name = filter.name;
  if (filter.status !== undefined) out.status = filter.status;
  if (filter.createdAfter !== undefined) out.createdAfter = filter.createdAfter;
  if (filter.createdBefore !== undefined) out.createdBefore = filter.createdBefore;
  if (filter.updatedAfter !== undefined) out.updatedAfter = filter.updatedAfter;
  if (filter.updatedBefore !== undefined) out.updatedBefore = filter.updatedBefore;
  return out;
}
