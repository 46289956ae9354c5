import type { OmicsHandlers } from "@seqstore/server";

// Operation shapes taken from the generated handler interface, so this package needs no other dependency
// than @seqstore/server to stay in step with the model.
type Operation = OmicsHandlers<object>["createSequenceStore"];

export type CreateSequenceStoreInput = Parameters<Operation>[0];
export type CreateSequenceStoreOutput = Awaited<ReturnType<Operation>>;
