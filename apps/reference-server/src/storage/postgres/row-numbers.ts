import type pg from "pg";

/**
 * Row numbers reserved from the shared sequence a block at a time, so a create asks PostgreSQL for one
 * statement instead of two. Every instance holds its own block; the sequence never hands a number out twice,
 * so ids derived from them never collide. Numbers an instance never used (it stopped, or a create replayed a
 * token) are gaps, never given to another store.
 */
export class RowNumbers {
  readonly #pool: pg.Pool;
  readonly #blockSize: number;
  #free: number[] = [];
  #refill: Promise<void> | undefined;

  constructor(pool: pg.Pool, blockSize = 32) {
    this.#pool = pool;
    this.#blockSize = blockSize;
  }

  async next(): Promise<number> {
    for (;;) {
      const number = this.#free.pop();
      if (number !== undefined) return number;
      this.#refill ??= this.#reserve().finally(() => {
        this.#refill = undefined;
      });
      await this.#refill;
    }
  }

  /** A number taken but not written to any row: it may go to the next create. */
  giveBack(number: number): void {
    this.#free.push(number);
  }

  async #reserve(): Promise<void> {
    const result = await this.#pool.query<{ value: number }>(
      "SELECT nextval('sequence_store_rows') AS value FROM generate_series(1, $1)",
      [this.#blockSize],
    );
    // Handed out smallest first (pop takes from the end).
    this.#free.push(...result.rows.map((row) => row.value).sort((a, b) => b - a));
  }
}
