import type { CreateSequenceStoreCommand, SequenceStoreRecord } from "./sequence-store-record.js";

/**
 * The record a create writes: the draft, then the identity derived from the id (its s3Access wins over
 * the draft's), then the keys and times. Member by member rather than with object spreads, which V8 runs
 * through a slow path on every create (a new hidden class for each spread literal).
 */
export function newStoreRecord(command: CreateSequenceStoreCommand, id: string): SequenceStoreRecord {
  const { draft } = command;
  const identity = command.identify(id);
  const store: SequenceStoreRecord = {
    name: draft.name,
    description: draft.description,
    sseConfig: draft.sseConfig,
    fallbackLocation: draft.fallbackLocation,
    eTagAlgorithmFamily: draft.eTagAlgorithmFamily,
    status: draft.status,
    statusMessage: draft.statusMessage,
    propagatedSetLevelTags: draft.propagatedSetLevelTags,
    s3Access: "s3Access" in identity ? identity.s3Access : draft.s3Access,
    tags: draft.tags,
    accountId: command.accountId,
    id,
    arn: identity.arn,
    creationTime: command.now,
    updateTime: command.now,
  };
  return store;
}
