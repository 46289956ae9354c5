import { describe, expect, it } from "vitest";
import { AccountThrottle } from "../../src/throttling/token-bucket.js";

/** A throttle on a clock the test moves by hand. */
function throttleAt(ratePerSecond: number, burst: number) {
  let now = 0;
  const throttle = new AccountThrottle({ ratePerSecond, burst }, () => now);
  return { throttle, advance: (ms: number) => (now += ms) };
}

describe("AccountThrottle", () => {
  it("lets a burst through, then refuses until tokens refill at the rate", () => {
    const { throttle, advance } = throttleAt(2, 3);
    expect([1, 2, 3, 4].map(() => throttle.allow("a"))).toEqual([true, true, true, false]);
    advance(499);
    expect(throttle.allow("a")).toBe(false);
    advance(1);
    expect(throttle.allow("a")).toBe(true);
    expect(throttle.allow("a")).toBe(false);
  });

  it("never stores more than the burst", () => {
    const { throttle, advance } = throttleAt(10, 2);
    advance(60_000);
    expect([1, 2, 3].map(() => throttle.allow("a"))).toEqual([true, true, false]);
  });

  it("keeps one bucket per account", () => {
    const { throttle } = throttleAt(1, 1);
    expect(throttle.allow("a")).toBe(true);
    expect(throttle.allow("a")).toBe(false);
    expect(throttle.allow("b")).toBe(true);
  });

  it("supports rates below one request per second", () => {
    const { throttle, advance } = throttleAt(0.5, 1);
    expect(throttle.allow("a")).toBe(true);
    advance(1999);
    expect(throttle.allow("a")).toBe(false);
    advance(1);
    expect(throttle.allow("a")).toBe(true);
  });
});
