import { describe, expect, it } from "vitest";
import { TurnEndWriter } from "../src/node/turn-end-writer.js";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("TurnEndWriter", () => {
  it("runs held writes at the end of the turn, in the order they were held", async () => {
    const order: string[] = [];
    const writer = new TurnEndWriter(() => order.push("failure"));
    writer.hold(() => order.push("a"));
    await Promise.resolve();
    // Promise jobs of the same turn (where the core's responses arrive) still join the batch.
    writer.hold(() => order.push("b"));
    order.push("still in the turn");
    expect(writer.size).toBe(2);
    await nextTurn();
    expect(order).toEqual(["still in the turn", "a", "b"]);
    expect(writer.size).toBe(0);
  });

  it("contains a write that throws: it is reported and the writes after it still run", async () => {
    const seen: unknown[] = [];
    const writer = new TurnEndWriter((error) => seen.push(error));
    const broken = new Error("socket gone");
    writer.hold(() => seen.push("first"));
    writer.hold(() => {
      throw broken;
    });
    writer.hold(() => seen.push("third"));
    await nextTurn();
    expect(seen).toEqual(["first", broken, "third"]);
  });

  it("still runs the later writes when reporting a failure throws too", async () => {
    const seen: string[] = [];
    const writer = new TurnEndWriter(() => {
      throw new Error("reporter down");
    });
    writer.hold(() => {
      throw new Error("socket gone");
    });
    writer.hold(() => seen.push("second"));
    await nextTurn();
    expect(seen).toEqual(["second"]);
  });

  it("holds a write made during a flush for the next turn's flush", async () => {
    const order: string[] = [];
    const writer = new TurnEndWriter(() => order.push("failure"));
    writer.hold(() => {
      order.push("outer");
      writer.hold(() => order.push("inner"));
      expect(writer.size).toBe(1);
    });
    await nextTurn();
    expect(order).toEqual(["outer"]);
    await nextTurn();
    expect(order).toEqual(["outer", "inner"]);
  });
});
