// The bookkeeping rows a group commit reads once and then keeps in memory: the last row number handed out,
// each account's store count, whether an account has retired tokens, whether any id was drawn. A create then
// runs two statements (the token lookup and the insert) instead of five; the counts that changed are written
// back once, at the end of the batch, inside its transaction. The row number is not written back: the rows
// inserted are its record (the repository raises the stored counter before a delete). Valid only while that
// transaction holds the write lock: every batch starts a new one, so nothing read here outlives it (another
// process may write in between).

/** How the bookkeeping reads and writes its rows (prepared statements of the repository). */
export interface BookkeepingStore {
  /** The last row number handed out (the highest row in the table, or above it after deletes). */
  readRowCounter(): number;
  /** The account's store count; undefined when it has no row yet. */
  readUsage(accountId: string): number | undefined;
  writeUsage(accountId: string, count: number): void;
  /** Whether the account has any retired create token. */
  anyRetiredToken(accountId: string): boolean;
  /** Whether any store id was drawn rather than derived from its row number. */
  anyDrawnId(): boolean;
}

interface Tracked {
  value: number;
  /** The value the database holds. */
  stored: number;
}

export interface BookkeepingSnapshot {
  readonly row: number | undefined;
  readonly usage: ReadonlyMap<string, Tracked>;
  readonly retired: ReadonlyMap<string, boolean>;
  readonly drawn: boolean | undefined;
}

export class BatchBookkeeping {
  readonly #store: BookkeepingStore;
  #row: number | undefined;
  #usage = new Map<string, Tracked>();
  #retired = new Map<string, boolean>();
  #drawn: boolean | undefined;

  constructor(store: BookkeepingStore) {
    this.#store = store;
  }

  /** The next row number (the counter never goes back: a deleted store's number is not handed out again). */
  nextRowNumber(): number {
    this.#row = (this.#row ?? this.#store.readRowCounter()) + 1;
    return this.#row;
  }

  /** Counts a new store against the account's quota; false (and nothing counted) when it is full. */
  takeQuotaSlot(accountId: string, maxStores: number): boolean {
    const usage = this.#usageOf(accountId);
    if (usage.value >= maxStores) return false;
    usage.value += 1;
    return true;
  }

  /** Gives a deleted store's slot back. */
  releaseQuotaSlot(accountId: string): void {
    const usage = this.#usageOf(accountId);
    usage.value = Math.max(0, usage.value - 1);
  }

  /** False only when the account is known to have no retired token (so a lookup would find nothing). */
  mayHaveRetiredToken(accountId: string): boolean {
    let any = this.#retired.get(accountId);
    if (any === undefined) {
      any = this.#store.anyRetiredToken(accountId);
      this.#retired.set(accountId, any);
    }
    return any;
  }

  tokenRetired(accountId: string): void {
    this.#retired.set(accountId, true);
  }

  anyDrawnIds(): boolean {
    this.#drawn ??= this.#store.anyDrawnId();
    return this.#drawn;
  }

  idDrawn(): void {
    this.#drawn = true;
  }

  /** Writes the counts that changed since they were read; call inside the batch's transaction, before it commits. */
  flush(): void {
    for (const [accountId, usage] of this.#usage) {
      if (usage.value === usage.stored) continue;
      this.#store.writeUsage(accountId, usage.value);
      usage.stored = usage.value;
    }
  }

  /** The state before a write, to take its changes back should the write fail inside its savepoint. */
  snapshot(): BookkeepingSnapshot {
    const copy = (entries: Map<string, Tracked>) => new Map([...entries].map(([k, t]) => [k, { ...t }]));
    return {
      row: this.#row,
      usage: copy(this.#usage),
      retired: new Map(this.#retired),
      drawn: this.#drawn,
    };
  }

  restore(snapshot: BookkeepingSnapshot): void {
    this.#row = snapshot.row;
    this.#usage = new Map([...snapshot.usage].map(([k, t]) => [k, { ...t }]));
    this.#retired = new Map(snapshot.retired);
    this.#drawn = snapshot.drawn;
  }

  #usageOf(accountId: string): Tracked {
    let usage = this.#usage.get(accountId);
    if (usage === undefined) {
      // No row yet: the account holds no store; the flush writes its row (an upsert) if the count moved.
      const stored = this.#store.readUsage(accountId) ?? 0;
      usage = { value: stored, stored };
      this.#usage.set(accountId, usage);
    }
    return usage;
  }
}
