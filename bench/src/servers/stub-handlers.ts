// A trivial in-memory implementation of the generated handler interface: the stub's own cost, nothing else.
import type { HandlerContext, OmicsHandlers } from "@seqstore/server";
import type { CreateSequenceStoreRequest, CreateSequenceStoreResponse } from "@seqstore/types";
import { createResponse } from "./fixture.js";

async function createSequenceStore(input: CreateSequenceStoreRequest): Promise<CreateSequenceStoreResponse> {
  return createResponse(input.name);
}

/**
 * Only CreateSequenceStore is measured; the cast keeps this file compiling while other operations are
 * added to the model (an unmeasured operation would answer 500).
 */
export const stubHandlers = { createSequenceStore } as unknown as OmicsHandlers<HandlerContext>;
