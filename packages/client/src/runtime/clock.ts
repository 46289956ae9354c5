// The time signatures carry. A server rejects signatures more than 5 minutes off its own clock, so,
// like the AWS SDK, the client adopts the server's time (its `Date` header) when the two drift apart.

const MAX_SKEW_MS = 5 * 60 * 1000;

export class SigningClock {
  /** Milliseconds to add to the local clock to get the server's time. */
  private offset = 0;

  constructor(private readonly localNow: () => number) {}

  now(): number {
    return this.localNow() + this.offset;
  }

  /**
   * Takes note of a response's `Date` header. Returns true when it moved the clock, i.e. when a
   * request signed before now may have failed only because of the skew (worth retrying).
   */
  observe(dateHeader: string | null): boolean {
    const serverTime = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
    if (Number.isNaN(serverTime) || Math.abs(this.now() - serverTime) < MAX_SKEW_MS) return false;
    this.offset = serverTime - this.localNow();
    return true;
  }
}
