// The per-batch bookkeeping of the SQLite group commit: read once, counted in memory, written back once,
// and taken back with a failed write's savepoint.
import { describe, expect, it } from "vitest";
import { BatchBookkeeping, type BookkeepingStore } from "../../src/storage/sqlite/batch-bookkeeping.js";

/** An in-memory store that counts every read and write, so the test sees what reached the database. */
function fakeStore(initial: {
  row?: number;
  usage?: Record<string, number>;
  retired?: string[];
  drawn?: boolean;
}) {
  const state = { row: initial.row ?? 0, usage: new Map(Object.entries(initial.usage ?? {})) };
  const calls: string[] = [];
  const logged = <T>(call: string, value: T): T => {
    calls.push(call);
    return value;
  };
  const store: BookkeepingStore = {
    readRowCounter: () => logged("readRow", state.row),
    readUsage: (account) => logged(`readUsage ${account}`, state.usage.get(account)),
    writeUsage: (account, count) => {
      state.usage.set(account, logged(`writeUsage ${account} ${count}`, count));
    },
    anyRetiredToken: (account) => logged(`anyRetired ${account}`, (initial.retired ?? []).includes(account)),
    anyDrawnId: () => logged("anyDrawn", initial.drawn ?? false),
  };
  return { store, state, calls };
}

describe("BatchBookkeeping", () => {
  it("reads each row once, counts in memory and writes back only the counts that changed", () => {
    const { store, state, calls } = fakeStore({ row: 41, usage: { a: 2 } });
    const batch = new BatchBookkeeping(store);
    expect([batch.nextRowNumber(), batch.nextRowNumber(), batch.nextRowNumber()]).toEqual([42, 43, 44]);
    expect(batch.takeQuotaSlot("a", 4)).toBe(true);
    expect(batch.takeQuotaSlot("a", 4)).toBe(true);
    expect(batch.takeQuotaSlot("a", 4)).toBe(false);
    expect(batch.takeQuotaSlot("b", 4)).toBe(true);
    batch.releaseQuotaSlot("c");
    expect(calls).toEqual(["readRow", "readUsage a", "readUsage b", "readUsage c"]);
    batch.flush();
    // The row number is not written: the inserted rows record it (see statements.ts, rowCounter).
    expect(state.row).toBe(41);
    expect(Object.fromEntries(state.usage)).toEqual({ a: 4, b: 1 });
    expect(calls.slice(4)).toEqual(["writeUsage a 4", "writeUsage b 1"]);
    batch.flush();
    expect(calls).toHaveLength(6);
    expect(batch.nextRowNumber()).toBe(45);
  });

  it("gives a deleted store's slot back, never below zero", () => {
    const { store, state } = fakeStore({ usage: { a: 1 } });
    const batch = new BatchBookkeeping(store);
    batch.releaseQuotaSlot("a");
    batch.releaseQuotaSlot("a");
    expect(batch.takeQuotaSlot("a", 1)).toBe(true);
    expect(batch.takeQuotaSlot("a", 1)).toBe(false);
    batch.flush();
    expect(state.usage.get("a")).toBe(1);
  });

  it("looks retired tokens and drawn ids up once, and learns of new ones from the batch", () => {
    const { store, calls } = fakeStore({ retired: ["old"] });
    const batch = new BatchBookkeeping(store);
    expect(batch.mayHaveRetiredToken("new")).toBe(false);
    expect(batch.mayHaveRetiredToken("new")).toBe(false);
    expect(batch.mayHaveRetiredToken("old")).toBe(true);
    batch.tokenRetired("new");
    expect(batch.mayHaveRetiredToken("new")).toBe(true);
    expect(batch.anyDrawnIds()).toBe(false);
    batch.idDrawn();
    expect(batch.anyDrawnIds()).toBe(true);
    expect(calls).toEqual(["anyRetired new", "anyRetired old", "anyDrawn"]);
  });

  it("restores a snapshot: a failed write's counts are taken back, earlier writes' kept", () => {
    const { store, state } = fakeStore({ row: 10, usage: { a: 0 } });
    const batch = new BatchBookkeeping(store);
    batch.nextRowNumber();
    batch.takeQuotaSlot("a", 5);
    const before = batch.snapshot();
    batch.nextRowNumber();
    batch.takeQuotaSlot("a", 5);
    batch.tokenRetired("a");
    batch.restore(before);
    expect(batch.mayHaveRetiredToken("a")).toBe(false);
    expect(batch.nextRowNumber()).toBe(12);
    batch.flush();
    expect(state.usage.get("a")).toBe(1);
  });
});
