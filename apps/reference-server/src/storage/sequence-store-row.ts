import type { SequenceStoreRecord } from "./sequence-store-record.js";

/** One row of the sequence_stores table, as better-sqlite3 reads and binds it. */
export interface SequenceStoreRow {
  account_id: string;
  id: string;
  arn: string;
  name: string;
  description: string | null;
  sse_config: string | null;
  fallback_location: string | null;
  etag_algorithm_family: string | null;
  status: string;
  status_message: string | null;
  propagated_set_level_tags: string | null;
  s3_access: string | null;
  tags: string | null;
  client_token: string | null;
  request_hash: string;
  creation_time: number;
  update_time: number;
}

export function toRow(
  store: SequenceStoreRecord,
  clientToken: string | undefined,
  requestHash: string,
): SequenceStoreRow {
  return {
    account_id: store.accountId,
    id: store.id,
    arn: store.arn,
    name: store.name,
    description: store.description ?? null,
    sse_config: json(store.sseConfig),
    fallback_location: store.fallbackLocation ?? null,
    etag_algorithm_family: store.eTagAlgorithmFamily ?? null,
    status: store.status,
    status_message: store.statusMessage ?? null,
    propagated_set_level_tags: json(store.propagatedSetLevelTags),
    s3_access: json(store.s3Access),
    tags: json(store.tags),
    client_token: clientToken ?? null,
    request_hash: requestHash,
    creation_time: store.creationTime.getTime(),
    update_time: store.updateTime.getTime(),
  };
}

/** A row as positional parameters, row number first, in the column order of both engines' inserts. */
export type StoreRowValues = [
  rowNumber: number,
  accountId: string,
  id: string,
  arn: string,
  name: string,
  description: string | null,
  sseConfig: string | null,
  fallbackLocation: string | null,
  eTagAlgorithmFamily: string | null,
  status: string,
  statusMessage: string | null,
  propagatedSetLevelTags: string | null,
  s3Access: string | null,
  tags: string | null,
  clientToken: string | null,
  requestHash: string,
  creationTime: number,
  updateTime: number,
];

export function storeRowValues(rowNumber: number, row: SequenceStoreRow): StoreRowValues {
  return [
    rowNumber,
    row.account_id,
    row.id,
    row.arn,
    row.name,
    row.description,
    row.sse_config,
    row.fallback_location,
    row.etag_algorithm_family,
    row.status,
    row.status_message,
    row.propagated_set_level_tags,
    row.s3_access,
    row.tags,
    row.client_token,
    row.request_hash,
    row.creation_time,
    row.update_time,
  ];
}

export function fromRow(row: SequenceStoreRow): SequenceStoreRecord {
  // Optional members are left out entirely (not set to undefined), so a record read back deep-equals the
  // one that was written.
  const store: SequenceStoreRecord = {
    accountId: row.account_id,
    id: row.id,
    arn: row.arn,
    name: row.name,
    status: row.status,
    creationTime: new Date(row.creation_time),
    updateTime: new Date(row.update_time),
  };
  if (row.description !== null) store.description = row.description;
  if (row.sse_config !== null) store.sseConfig = JSON.parse(row.sse_config);
  if (row.fallback_location !== null) store.fallbackLocation = row.fallback_location;
  if (row.etag_algorithm_family !== null) store.eTagAlgorithmFamily = row.etag_algorithm_family;
  if (row.status_message !== null) store.statusMessage = row.status_message;
  if (row.propagated_set_level_tags !== null)
    store.propagatedSetLevelTags = JSON.parse(row.propagated_set_level_tags);
  if (row.s3_access !== null) store.s3Access = JSON.parse(row.s3_access);
  if (row.tags !== null) store.tags = JSON.parse(row.tags);
  return store;
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
