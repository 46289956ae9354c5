// Sequence store ids derived from the row a store is written to, so a Get finds its row with one lookup of
// the table's own B-tree instead of a walk of the id index and then the table (at a million stores that
// second walk is two cold pages instead of one). The ids still look like AWS's: ten digits, no leading
// zero, consecutive stores far apart, and nobody without the database's key can tell the order of two ids.

/** Ids are 10 digits without a leading zero: [10⁹, 10¹⁰). */
const ID_MIN = 1_000_000_000;
const ID_END = 10_000_000_000;
/** Each Feistel half is 5 digits: the cipher permutes [0, 10¹⁰) as (left, right) ∈ [0, 10⁵)². */
const HALF = 100_000;
const ROUNDS = 6;
/** Row numbers map onto the id range in order, so rows 1 … 9·10⁹ each get a distinct id. */
export const MAX_ROW_NUMBER = ID_END - ID_MIN;
const ID_PATTERN = /^[1-9][0-9]{9}$/;

/**
 * A keyed permutation of the 10-digit ids (a balanced Feistel network over two 5-digit halves, restricted to
 * ids without a leading zero by cycle walking). It hides order, not secrets: ids are not credentials.
 */
export class StoreIdCipher {
  readonly #keys: Uint32Array;

  /** `key`: at least 4·ROUNDS bytes of the database's secret. */
  constructor(key: Uint8Array) {
    if (key.byteLength < 4 * ROUNDS) throw new RangeError(`the id key needs ${4 * ROUNDS} bytes`);
    const view = new DataView(key.buffer, key.byteOffset, key.byteLength);
    this.#keys = new Uint32Array(ROUNDS);
    for (let round = 0; round < ROUNDS; round++) this.#keys[round] = view.getUint32(round * 4);
  }

  /** The id of the store in row `rowNumber` (1-based). */
  idForRow(rowNumber: number): string {
    if (!Number.isSafeInteger(rowNumber) || rowNumber < 1 || rowNumber > MAX_ROW_NUMBER) {
      throw new RangeError(`row number ${rowNumber} is outside 1 … ${MAX_ROW_NUMBER}`);
    }
    let value = ID_MIN + rowNumber - 1;
    // Cycle walking: the permutation of [0, 10¹⁰) restricted to [10⁹, 10¹⁰) is again a permutation.
    do value = this.#encrypt(value);
    while (value < ID_MIN);
    return String(value);
  }

  /** The row an id was derived from, or undefined for a string no row number maps to. */
  rowForId(id: string): number | undefined {
    if (!ID_PATTERN.test(id)) return undefined;
    let value = Number(id);
    do value = this.#decrypt(value);
    while (value < ID_MIN);
    return value - ID_MIN + 1;
  }

  #encrypt(value: number): number {
    let left = Math.floor(value / HALF);
    let right = value % HALF;
    for (let round = 0; round < ROUNDS; round++) {
      const next = (left + this.#mix(right, round)) % HALF;
      left = right;
      right = next;
    }
    return left * HALF + right;
  }

  #decrypt(value: number): number {
    let left = Math.floor(value / HALF);
    let right = value % HALF;
    for (let round = ROUNDS - 1; round >= 0; round--) {
      const previous = (right - this.#mix(left, round) + HALF) % HALF;
      right = left;
      left = previous;
    }
    return left * HALF + right;
  }

  /** The round function: a keyed 32-bit integer hash (murmur3's finalizer) of one half, reduced to a half. */
  #mix(half: number, round: number): number {
    let h = (half ^ (this.#keys[round] ?? 0)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    return (h >>> 0) % HALF;
  }
}
