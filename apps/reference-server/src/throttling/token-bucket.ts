// Per-account request rate limits, as AWS applies them: each account has a bucket of `burst` tokens that
// refills at `ratePerSecond`; a request takes one token, and a request finding none gets 429.

export interface RateLimit {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Most tokens a bucket holds: how many requests may arrive at once after a quiet period. */
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {
    this.tokens = limit.burst;
    this.updatedAt = now();
  }

  /** Takes a token if one is there. */
  tryTake(): boolean {
    const now = this.now();
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsedSeconds * this.limit.ratePerSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** One token bucket per account. */
export class AccountThrottle {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limit: RateLimit,
    /** Milliseconds from a monotonic clock; injected for tests. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether the account may make a request now (taking a token when it may). */
  allow(accountId: string): boolean {
    let bucket = this.buckets.get(accountId);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.limit, this.now);
      this.buckets.set(accountId, bucket);
    }
    return bucket.tryTake();
  }
}
