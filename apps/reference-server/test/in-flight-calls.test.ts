// The shutdown's wait for handler calls: every way a call can end takes it off the count.
import { describe, expect, it } from "vitest";
import { InFlightCalls } from "../src/in-flight-calls.js";

function gate(): { promise: Promise<string>; open: () => void; fail: () => void } {
  let open!: () => void;
  let fail!: () => void;
  const promise = new Promise<string>((resolve, reject) => {
    open = () => resolve("done");
    fail = () => reject(new Error("failed"));
  });
  return { promise, open, fail };
}

describe("InFlightCalls", () => {
  it("counts an async call until it settles, then lets the waiters go", async () => {
    const calls = new InFlightCalls();
    const pending = gate();
    const handlers = calls.track({ run: (_input: unknown) => pending.promise });
    const result = handlers.run({});
    expect(calls.count).toBe(1);
    let settled: boolean | undefined;
    const waiting = calls.settled(10_000).then((value) => {
      settled = value;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBeUndefined();
    pending.open();
    await expect(result).resolves.toBe("done");
    await waiting;
    expect(settled).toBe(true);
    expect(calls.count).toBe(0);
  });

  it.each([
    { name: "a rejected call", run: () => Promise.reject(new Error("no")), outcome: "rejects" },
    {
      name: "a throwing call",
      run: () => {
        throw new Error("no");
      },
      outcome: "throws",
    },
    { name: "a synchronous value", run: () => 42, outcome: "returns" },
  ])("takes $name off the count", async ({ run, outcome }) => {
    const calls = new InFlightCalls();
    const handlers = calls.track({ run });
    if (outcome === "throws") expect(() => handlers.run()).toThrow("no");
    else if (outcome === "rejects") await expect(handlers.run()).rejects.toThrow("no");
    else expect(handlers.run()).toBe(42);
    expect(calls.count).toBe(0);
    await expect(calls.settled(0)).resolves.toBe(true);
  });

  it("gives up after the timeout while a call still runs, and counts it to the end", async () => {
    const calls = new InFlightCalls();
    const pending = gate();
    const handlers = calls.track({ run: () => pending.promise });
    const result = handlers.run();
    await expect(calls.settled(20)).resolves.toBe(false);
    expect(calls.count).toBe(1);
    pending.fail();
    await expect(result).rejects.toThrow("failed");
    expect(calls.count).toBe(0);
  });

  it("calls each handler with its own object as this, and keeps members that are not functions", () => {
    const calls = new InFlightCalls();
    const original = {
      prefix: "id-",
      name(this: { prefix: string }, input: unknown) {
        return `${this.prefix}${String(input)}`;
      },
    };
    const handlers = calls.track(original);
    expect(handlers.name("7")).toBe("id-7");
    expect(handlers.prefix).toBe("id-");
  });
});
