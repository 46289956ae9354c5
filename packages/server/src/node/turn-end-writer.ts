// Holds the responses that become ready during one turn of the event loop and writes them together at
// its end (setImmediate runs right after the turn's I/O callbacks and their promise jobs).
//
// Why: a response written the moment it is ready reaches a client process that, on a busy server, has
// usually gone to sleep waiting for it, so the write pays for waking it (on a VM an interrupt across
// CPUs, charged to the writing process). Written back to back, the first response wakes the client and
// the next find it running (bench/README.md, figure 2, has the measurements).
// The price is latency of the order of one turn's work: a response waits for the requests its turn still
// had to route, at most what the turn itself takes.

/** One held write; it must not throw (a throw is contained, see flush). */
export type HeldWrite = () => void;

export class TurnEndWriter {
  #held: HeldWrite[] = [];
  readonly #onFailure: (error: unknown) => void;

  /** `onFailure` hears of a held write that threw anyway; the writes after it still run. */
  constructor(onFailure: (error: unknown) => void) {
    this.#onFailure = onFailure;
  }

  /** Runs `write` at the end of the current turn, after the writes held before it. */
  hold(write: HeldWrite): void {
    if (this.#held.push(write) === 1) setImmediate(this.#flush);
  }

  /** How many writes wait for the end of the turn. */
  get size(): number {
    return this.#held.length;
  }

  readonly #flush = (): void => {
    const writes = this.#held;
    // A write held while these run (none does today) waits for the next turn's flush.
    this.#held = [];
    for (const write of writes) {
      try {
        write();
      } catch (error) {
        try {
          this.#onFailure(error);
        } catch {
          // A failing report must not keep the other responses of the batch from going out.
        }
      }
    }
  };
}
