import type { SequenceStoreChanges, SequenceStoreRecord } from "./sequence-store-record.js";

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
