import type {
  SequenceStoreChanges,
  SequenceStoreRecord,
  UpdateSequenceStoreCommand,
  UpdateSequenceStoreOutcome,
} from "./sequence-store-record.js";
import { fromRow, type SequenceStoreRow, toRow } from "./sequence-store-row.js";

/**
 * The store after an update, before its updateTime moves. Absent members keep their value; an empty
 * fallbackLocation or accessLogLocation, or an empty propagatedSetLevelTags, removes the member (the model
 * allows "" for both locations, and there is no other way to clear them).
 */
export function applyChanges(store: SequenceStoreRecord, changes: SequenceStoreChanges): SequenceStoreRecord {
  const next: SequenceStoreRecord = { ...store };
  if (changes.name !== undefined) next.name = changes.name;
  if (changes.description !== undefined) next.description = changes.description;
  if (changes.fallbackLocation !== undefined) {
    if (changes.fallbackLocation === "") delete next.fallbackLocation;
    else next.fallbackLocation = changes.fallbackLocation;
  }
  if (changes.propagatedSetLevelTags !== undefined) {
    if (changes.propagatedSetLevelTags.length === 0) delete next.propagatedSetLevelTags;
    else next.propagatedSetLevelTags = [...changes.propagatedSetLevelTags];
  }
  if (changes.accessLogLocation !== undefined) {
    const s3Access = { ...store.s3Access };
    if (changes.accessLogLocation === "") delete s3Access.accessLogLocation;
    else s3Access.accessLogLocation = changes.accessLogLocation;
    next.s3Access = s3Access;
  }
  return next;
}

/** Whether an update would change anything a reader can see (updateTime aside). */
export function sameSettings(a: SequenceStoreRecord, b: SequenceStoreRecord): boolean {
  const settings = (s: SequenceStoreRecord) =>
    JSON.stringify([
      s.name,
      s.description ?? null,
      s.fallbackLocation ?? null,
      s.propagatedSetLevelTags ?? null,
      s.s3Access?.accessLogLocation ?? null,
    ]);
  return settings(a) === settings(b);
}

/** An update token as stored: the request it stood for and the row its update left. */
export interface StoredUpdateToken {
  request_hash: string;
  /** The row as JSON. */
  result: string;
}

/** A status in which the store may not be changed or deleted (another delete is under way). */
export const BUSY_STATUS = "DELETING";

/**
 * What an update of a stored row comes to, whichever engine holds it: an answer without a write (a replayed
 * or conflicting token, a busy store), or the row to write (unless nothing changed) and the store to answer.
 */
export type UpdatePlan =
  | { kind: "answer"; outcome: UpdateSequenceStoreOutcome }
  | { kind: "write"; unchanged: boolean; store: SequenceStoreRecord; row: SequenceStoreRow };

export function planUpdate(
  row: SequenceStoreRow,
  previous: StoredUpdateToken | undefined,
  command: UpdateSequenceStoreCommand,
): UpdatePlan {
  const { clientToken } = command;
  if (clientToken !== undefined && previous !== undefined) {
    // The hash covers the id, so a token reused on another store is a conflict too.
    const outcome: UpdateSequenceStoreOutcome =
      previous.request_hash === command.requestHash
        ? { kind: "replayed", store: fromRow(JSON.parse(previous.result) as SequenceStoreRow) }
        : { kind: "tokenConflict", clientToken };
    return { kind: "answer", outcome };
  }
  if (row.status === BUSY_STATUS)
    return { kind: "answer", outcome: { kind: "conflict", status: row.status } };
  const current = fromRow(row);
  const changed = applyChanges(current, command.changes);
  const unchanged = sameSettings(current, changed);
  const store = unchanged ? current : { ...changed, updateTime: command.now };
  return {
    kind: "write",
    unchanged,
    store,
    row: toRow(store, row.client_token ?? undefined, row.request_hash),
  };
}
