// Durability of commits made with synchronous=NORMAL in WAL mode: SQLite then appends a commit's frames to
// the -wal file without syncing it (it still syncs around checkpoints, so the file is never corrupt), and
// this class makes them durable with fdatasync on libuv's thread pool, off the event loop. One sync covers
// every commit made before it started (the log is one file, written in order); commits keep flowing while a
// sync is in flight, and the next sync covers all of them (pipelining).
import { close, fdatasync, openSync } from "node:fs";

/** Syncs a file's data to the disk (node's fs.fdatasync by default; injected by tests). */
export type SyncFile = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

export class WalSyncError extends Error {
  constructor(cause: unknown) {
    super(
      `the write-ahead log could not be synced to disk; writes are refused until the server restarts: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
      { cause },
    );
    this.name = "WalSyncError";
  }
}

interface Waiter {
  /** The commit this waiter needs on the disk. */
  ticket: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Syncs running at once. A sync started while another runs covers the commits since, so a commit waits for
 * one sync from its own commit on, not for the end of an older one first.
 */
export const MAX_SYNCS_IN_FLIGHT = 2;

export class WalSync {
  #fd: number | undefined;
  readonly #sync: SyncFile;
  readonly #maxInFlight: number;
  /** Commits registered so far (tickets are 1, 2, …). */
  #committed = 0;
  /** The newest commit a started sync covers. */
  #requested = 0;
  /** The newest commit known to be on the disk. */
  #durableUpTo = 0;
  #inFlight = 0;
  #waiters: Waiter[] = [];
  /**
   * Set by the first failed sync and never cleared. After a failed fsync Linux may drop the dirty pages and
   * report the next fsync as a success, so no later sync can prove anything: every later wait fails too.
   */
  #failure: WalSyncError | undefined;
  #drained: Array<() => void> = [];
  #idle: Array<() => void> = [];

  /**
   * `walFile`: the database's -wal file. It must exist (SQLite creates it when a WAL connection first reads)
   * and stay the same file while this is open: SQLite deletes it only when the last connection closes, and
   * the repository's connection stays open until after close().
   */
  constructor(walFile: string, sync: SyncFile = fdatasync, maxInFlight = MAX_SYNCS_IN_FLIGHT) {
    this.#fd = openSync(walFile, "r");
    this.#sync = sync;
    this.#maxInFlight = maxInFlight;
  }

  /** Whether a sync is running or a commit still waits for one. */
  get busy(): boolean {
    return this.#inFlight > 0 || this.#durableUpTo < this.#committed;
  }

  /**
   * Call right after a commit: resolves once that commit (and every earlier one) is on the disk; rejects with
   * a WalSyncError when a sync failed (this one or any earlier).
   */
  durable(): Promise<void> {
    this.#committed += 1;
    return this.#wait(this.#committed);
  }

  /**
   * Calls `callback` once no sync is running (at once when none is). The repository holds its next group
   * commit until then: the writes that arrive meanwhile share one commit and one sync instead of each small
   * batch writing the same index pages to the log again.
   */
  whenIdle(callback: () => void): void {
    if (this.#inFlight === 0) callback();
    else this.#idle.push(callback);
  }

  /** Resolves once every commit made so far is on the disk (at once when none is waiting). */
  settled(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    return this.#durableUpTo >= this.#committed ? Promise.resolve() : this.#wait(this.#committed);
  }

  #wait(ticket: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.#failure) {
        reject(this.#failure);
        return;
      }
      this.#waiters.push({ ticket, resolve, reject });
      this.#startIfNeeded();
    });
  }

  #startIfNeeded(): void {
    if (this.#requested >= this.#committed || this.#inFlight >= this.#maxInFlight) return;
    const fd = this.#fd;
    const covers = this.#committed;
    this.#requested = covers;
    this.#inFlight += 1;
    if (fd === undefined) {
      queueMicrotask(() => this.#finish(covers, new Error("the write-ahead log is closed")));
      return;
    }
    this.#sync(fd, (error) => this.#finish(covers, error));
  }

  #finish(covers: number, error: unknown): void {
    this.#inFlight -= 1;
    if (error) this.#failure ??= new WalSyncError(error);
    if (this.#failure) {
      // Later waiters cannot be covered by any sync either.
      const failed = this.#waiters;
      this.#waiters = [];
      for (const waiter of failed) waiter.reject(this.#failure);
    } else {
      this.#durableUpTo = Math.max(this.#durableUpTo, covers);
      const done = this.#waiters.filter((waiter) => waiter.ticket <= this.#durableUpTo);
      this.#waiters = this.#waiters.filter((waiter) => waiter.ticket > this.#durableUpTo);
      for (const waiter of done) waiter.resolve();
      this.#startIfNeeded();
    }
    if (this.#inFlight === 0) {
      const idle = this.#idle;
      this.#idle = [];
      for (const callback of idle) callback();
    }
    if (this.#inFlight === 0 && (this.#failure || !this.busy)) {
      const drained = this.#drained;
      this.#drained = [];
      for (const resolve of drained) resolve();
    }
  }

  /** Waits for the syncs in flight and queued (whatever their outcome), then closes the file. */
  async close(): Promise<void> {
    if (this.#inFlight > 0 || (!this.#failure && this.busy)) {
      await new Promise<void>((resolve) => this.#drained.push(resolve));
    }
    const fd = this.#fd;
    this.#fd = undefined;
    if (fd !== undefined) await new Promise<void>((resolve) => close(fd, () => resolve()));
  }
}
