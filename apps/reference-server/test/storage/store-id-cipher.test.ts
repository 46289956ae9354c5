import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MAX_ROW_NUMBER, StoreIdCipher } from "../../src/storage/store-id-cipher.js";

const cipher = new StoreIdCipher(new Uint8Array(32).map((_, i) => i * 37 + 11));

describe("StoreIdCipher", () => {
  it.each([1, 2, 3, 1000, 999_999, 1_000_000, 123_456_789, MAX_ROW_NUMBER - 1, MAX_ROW_NUMBER])(
    "row %i gets a 10-digit id without a leading zero that leads back to it",
    (row) => {
      const id = cipher.idForRow(row);
      expect(id).toMatch(/^[1-9][0-9]{9}$/);
      expect(cipher.rowForId(id)).toBe(row);
    },
  );

  it("gives the first 200,000 rows distinct ids that do not follow row order", () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => cipher.idForRow(i + 1));
    expect(new Set(ids).size).toBe(ids.length);
    const ascending = ids.filter((id, i) => i > 0 && id > ids[i - 1]!).length;
    // Random order: about half the neighbours ascend.
    expect(ascending / ids.length).toBeGreaterThan(0.45);
    expect(ascending / ids.length).toBeLessThan(0.55);
    // Spread over the whole range, not clustered near one end.
    const leadingDigits = new Set(ids.map((id) => id[0]));
    expect(leadingDigits.size).toBe(9);
  });

  it("maps every id back to a row number in range (the permutation is onto)", () => {
    for (const id of ["1000000000", "9999999999", "5555555555", "1234567890"]) {
      const row = cipher.rowForId(id)!;
      expect(row).toBeGreaterThanOrEqual(1);
      expect(row).toBeLessThanOrEqual(MAX_ROW_NUMBER);
      expect(cipher.idForRow(row)).toBe(id);
    }
  });

  it("gives different ids under different keys", () => {
    const other = new StoreIdCipher(randomBytes(32));
    const same = Array.from({ length: 100 }, (_, i) => i + 1).filter(
      (row) => other.idForRow(row) === cipher.idForRow(row),
    );
    expect(same.length).toBeLessThan(3);
  });

  it.each(["", "123", "0123456789", "12345678901", "12345abcde", " 123456789", "1e9"])(
    "rowForId(%j) is undefined: no row has that id",
    (id) => {
      expect(cipher.rowForId(id)).toBeUndefined();
    },
  );

  it.each([0, -1, 1.5, MAX_ROW_NUMBER + 1, Number.NaN])("idForRow(%d) is a RangeError", (row) => {
    expect(() => cipher.idForRow(row)).toThrow(RangeError);
  });

  it("refuses a key shorter than one word per round", () => {
    expect(() => new StoreIdCipher(new Uint8Array(8))).toThrow(RangeError);
  });
});
