import { describe, expect, it } from "vitest";
import { newRequestId } from "../src/core/request-id.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newRequestId", () => {
  // More than one pool of random bytes (4096 ids), so ids from after a refill are judged too.
  const ids = Array.from({ length: 10_000 }, () => newRequestId());

  it("gives version 4 UUIDs in lowercase hex", () => {
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });

  it("never repeats an id, across refills of the random pool", () => {
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("spreads every random nibble over all 16 values (no position stuck)", () => {
    // Positions of the 30 hex digits that are fully random (not the version digit, not the variant one).
    const positions = Array.from({ length: 36 }, (_, i) => i).filter(
      (i) => ids[0]![i] !== "-" && i !== 14 && i !== 19,
    );
    for (const position of positions) {
      expect(new Set(ids.map((id) => id[position])).size).toBe(16);
    }
    expect(positions).toHaveLength(30);
    expect(new Set(ids.map((id) => id[19])).size).toBe(4);
  });
});
