import { rateLimitVerdict } from './rate-limit-window';

describe('rateLimitVerdict', () => {
  const now = new Date('2026-11-29T08:00:00.000Z');
  const end = (ms: number) => new Date(now.getTime() + ms);

  it('allows up to the limit and blocks the request after it', () => {
    expect(rateLimitVerdict(10, end(30_000), now, 10).blocked).toBe(false);
    expect(rateLimitVerdict(11, end(30_000), now, 10).blocked).toBe(true);
  });

  it('rounds the wait up to whole seconds, never below one', () => {
    expect(rateLimitVerdict(11, end(29_001), now, 10).secondsLeft).toBe(30);
    expect(rateLimitVerdict(11, end(0), now, 10).secondsLeft).toBe(1);
    expect(rateLimitVerdict(11, end(-5_000), now, 10).secondsLeft).toBe(1);
  });
});
