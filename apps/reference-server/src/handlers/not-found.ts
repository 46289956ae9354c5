import { ResourceNotFoundException } from "@seqstore/server";

/**
 * The answer for an id the caller's account does not hold, whether it never existed, was deleted or belongs
 * to another account: telling these apart would reveal other accounts' stores.
 */
export function sequenceStoreNotFound(id: string): ResourceNotFoundException {
  return new ResourceNotFoundException({ message: `Sequence store ${id} not found.` });
}
