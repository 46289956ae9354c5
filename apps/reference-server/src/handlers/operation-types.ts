import type { OmicsHandlers } from "@seqstore/server";

// Operation shapes taken from the generated handler interface, so this package needs no other dependency
// than @seqstore/server to stay in step with the model.
type Handlers = OmicsHandlers<object>;
type InputOf<K extends keyof Handlers> = Parameters<Handlers[K]>[0];
type OutputOf<K extends keyof Handlers> = Awaited<ReturnType<Handlers[K]>>;

export type CreateSequenceStoreInput = InputOf<"createSequenceStore">;
export type CreateSequenceStoreOutput = OutputOf<"createSequenceStore">;
export type GetSequenceStoreInput = InputOf<"getSequenceStore">;
export type GetSequenceStoreOutput = OutputOf<"getSequenceStore">;
export type ListSequenceStoresInput = InputOf<"listSequenceStores">;
export type ListSequenceStoresOutput = OutputOf<"listSequenceStores">;
export type SequenceStoreDetail = ListSequenceStoresOutput["sequenceStores"][number];
export type SequenceStoreFilter = NonNullable<ListSequenceStoresInput["filter"]>;
export type UpdateSequenceStoreInput = InputOf<"updateSequenceStore">;
export type UpdateSequenceStoreOutput = OutputOf<"updateSequenceStore">;
export type DeleteSequenceStoreInput = InputOf<"deleteSequenceStore">;
export type DeleteSequenceStoreOutput = OutputOf<"deleteSequenceStore">;

/** Any operation's input and output, by handler name. */
export type OperationInput<K extends keyof Handlers> = InputOf<K>;
export type OperationOutput<K extends keyof Handlers> = OutputOf<K>;
