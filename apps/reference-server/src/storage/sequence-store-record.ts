// Storage-level shapes. They mirror CreateSequenceStoreResponse but are owned by the storage layer, so the
// repository does not depend on generated API types (and a Postgres implementation needs nothing else).

export interface StoredSseConfig {
  type: string;
  keyArn?: string;
}

export interface StoredS3Access {
  s3Uri?: string;
  s3AccessPointArn?: string;
  accessLogLocation?: string;
}

/** Everything the service decides about a store before its id exists. */
export interface SequenceStoreDraft {
  name: string;
  description?: string;
  sseConfig?: StoredSseConfig;
  fallbackLocation?: string;
  eTagAlgorithmFamily?: string;
  status: string;
  statusMessage?: string;
  propagatedSetLevelTags?: string[];
  s3Access?: StoredS3Access;
  tags?: Record<string, string>;
}

/** A persisted store: the draft plus its identity and timestamps. */
export interface SequenceStoreRecord extends SequenceStoreDraft {
  accountId: string;
  id: string;
  arn: string;
  creationTime: Date;
  updateTime: Date;
}

/** The identity-dependent members, computed by the service once an id has been drawn. */
export interface SequenceStoreIdentity {
  arn: string;
  s3Access?: StoredS3Access;
}

export interface CreateSequenceStoreCommand {
  accountId: string;
  /** Idempotency token; absent means every call creates a new store. */
  clientToken?: string;
  /** Canonical hash of the create parameters, compared when the token was seen before. */
  requestHash: string;
  /** The account's store quota; the create fails when the account already holds this many. */
  maxStores: number;
  draft: SequenceStoreDraft;
  /**
   * Draws a candidate id; called again when the id is already taken in the account. Absent: the repository
   * chooses the id (SQLite derives it from the row the store goes to).
   */
  newId?: (() => string) | undefined;
  /** Computes the members derived from the id (ARN, S3 access). */
  identify: (id: string) => SequenceStoreIdentity;
  now: Date;
}

export type CreateSequenceStoreOutcome =
  | { kind: "created"; store: SequenceStoreRecord }
  | { kind: "replayed"; store: SequenceStoreRecord }
  | { kind: "tokenConflict"; clientToken: string }
  /** The token made a store that has since been deleted; it is never reused, so a late retry cannot revive it. */
  | { kind: "tokenRetired"; clientToken: string; storeId: string }
  | { kind: "quotaExceeded"; maxStores: number };

/** The members an update may change; absent means "leave as it is". */
export interface SequenceStoreChanges {
  name?: string;
  description?: string;
  /** The empty string removes the fallback location. */
  fallbackLocation?: string;
  /** An empty list removes the propagated tag keys. */
  propagatedSetLevelTags?: string[];
  /** The empty string removes the access log location. */
  accessLogLocation?: string;
}

export interface UpdateSequenceStoreCommand {
  accountId: string;
  id: string;
  /** Idempotency token of the update; absent means every call applies. */
  clientToken?: string;
  /** Canonical hash of the update parameters (id included), compared when the token was seen before. */
  requestHash: string;
  changes: SequenceStoreChanges;
  now: Date;
}

export type UpdateSequenceStoreOutcome =
  | { kind: "updated"; store: SequenceStoreRecord }
  /** Nothing differed from the stored values: the store is returned unchanged and updateTime stays. */
  | { kind: "unchanged"; store: SequenceStoreRecord }
  /** The token was used before with the same parameters: the store as that update left it. */
  | { kind: "replayed"; store: SequenceStoreRecord }
  | { kind: "tokenConflict"; clientToken: string }
  | { kind: "notFound" }
  | { kind: "conflict"; status: string };

export interface DeleteSequenceStoreCommand {
  accountId: string;
  id: string;
  now: Date;
}

export type DeleteSequenceStoreOutcome =
  | { kind: "deleted"; store: SequenceStoreRecord }
  | { kind: "notFound" }
  | { kind: "conflict"; status: string };

/** Conditions a listed store must meet, all of them. Time bounds are exclusive. */
export interface SequenceStoreListFilter {
  name?: string;
  status?: string;
  createdAfter?: Date;
  createdBefore?: Date;
  updatedAfter?: Date;
  updatedBefore?: Date;
}
