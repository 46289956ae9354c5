// The time signatures carry. A server rejects signatures more than 5 minutes off its own clock, so,
// like the AWS SDK, the client adopts the server's time (its `Date` header) when the two drift apart.

const MAX_SKEW_MS = 5 * 60 * 1000;

export interface SigningClock {
  /** The server's time as best known, in epoch milliseconds. */
  now(): number;
  /**
   * Takes note of a response's `Date` header. Returns true when it moved the clock, i.e. when a
   * request signed before now may have failed only because of the skew (worth retrying).
   */
  observe(dateHeader: string | null): boolean;
}

export function signingClock(localNow: () => number): SigningClock {
  /** Milliseconds to add to the local clock to get the server's time. */
  let offset = 0;
  return {
    now: () => localNow() + offset,
    observe(dateHeader) {
      const serverTime = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
      if (Number.isNaN(serverTime) || Math.abs(localNow() + offset - serverTime) < MAX_SKEW_MS) return false;
      offset = serverTime - localNow();
      return true;
    },
  };
}
