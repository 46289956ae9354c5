// Counts the handler calls that have not settled yet, so a shutdown can wait for them before it closes the
// storage they write to: a handler keeps running after its client has hung up, and the HTTP server's close
// only waits for connections that are still open.

type Handler = (input: unknown, context: unknown) => unknown;

export class InFlightCalls {
  #count = 0;
  #waiters: Array<() => void> = [];

  /** Calls started and not settled yet. */
  get count(): number {
    return this.#count;
  }

  /** A copy of `handlers` whose functions are counted while their calls run (same names, same `this`). */
  track<H extends object>(handlers: H): H {
    const tracked: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(handlers)) {
      tracked[name] = typeof member === "function" ? this.#counted(member as Handler, handlers) : member;
    }
    return tracked as H;
  }

  /**
   * Resolves with true once no call runs (at once when none does), or with false after `timeoutMs` when
   * some still do.
   */
  settled(timeoutMs: number): Promise<boolean> {
    if (this.#count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((other) => other !== waiter);
        resolve(false);
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  #counted(handler: Handler, self: object): Handler {
    return (input, context) => {
      this.#count += 1;
      let result: unknown;
      try {
        result = handler.call(self, input, context);
      } catch (error) {
        this.#done();
        throw error;
      }
      if (!(result instanceof Promise)) {
        this.#done();
        return result;
      }
      return result.then(
        (value: unknown) => {
          this.#done();
          return value;
        },
        (error: unknown) => {
          this.#done();
          throw error;
        },
      );
    };
  }

  #done(): void {
    this.#count -= 1;
    if (this.#count > 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter();
  }
}
