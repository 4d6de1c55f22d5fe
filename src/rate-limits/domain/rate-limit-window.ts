/**
 * Fixed-window arithmetic of a rate limit (pure): what a counter that has reached `hits` in a
 * window ending at `windowEndsAt` means at `now` for a limit of `limit` requests.
 */
export interface RateLimitVerdict {
  readonly totalHits: number;
  /** Whole seconds until the window ends (at least 1 while it runs). */
  readonly secondsLeft: number;
  /** More than `limit` requests in the window: refuse until it ends. */
  readonly blocked: boolean;
}

export function rateLimitVerdict(hits: number, windowEndsAt: Date, now: Date, limit: number): RateLimitVerdict {
  const secondsLeft = Math.max(1, Math.ceil((windowEndsAt.getTime() - now.getTime()) / 1000));
  return { totalHits: hits, secondsLeft, blocked: hits > limit };
}
