import { legacyHash } from './domain/legacy-hash';
import { createDummyCredential, mapWithConcurrency, verifyLegacyPassword, verifyWrappedLegacyHash, wrapLegacyHash } from './legacy-verifier';

const FAST = { memoryKib: 8192, timeCost: 1, parallelism: 1 };

describe('legacy verifiers (Argon2id of the legacy hash)', () => {
  it('wraps a legacy hash in an Argon2id PHC string that does not contain it', async () => {
    const md5 = await legacyHash('md5', 'Taiji@2019', null);
    const verifier = await wrapLegacyHash(md5, FAST);
    expect(verifier).toMatch(/^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
    expect(verifier).not.toContain(md5);
    expect(await verifyWrappedLegacyHash(verifier, md5)).toBe(true);
    expect(await verifyWrappedLegacyHash(verifier, md5.toUpperCase())).toBe(false);
  });

  it('verifies a password through its legacy scheme and salt', async () => {
    const stored = { scheme: 'md5_password_salt' as const, legacySalt: 'Qx7', verifier: await wrapLegacyHash(await legacyHash('md5_password_salt', 'Zhiyuan#2020', 'Qx7'), FAST) };
    expect(await verifyLegacyPassword(stored, 'Zhiyuan#2020')).toBe(true);
    expect(await verifyLegacyPassword(stored, 'zhiyuan#2020')).toBe(false);
    expect(await verifyLegacyPassword({ ...stored, legacySalt: 'Qx8' }, 'Zhiyuan#2020')).toBe(false);
  });

  it('answers false for a malformed verifier instead of throwing', async () => {
    expect(await verifyWrappedLegacyHash('not-a-phc-string', 'x')).toBe(false);
  });

  it('builds a dummy credential no password matches', async () => {
    const dummy = await createDummyCredential(FAST);
    expect(await verifyLegacyPassword(dummy, '')).toBe(false);
    expect(await verifyLegacyPassword(dummy, 'password')).toBe(false);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps order, reports progress and never exceeds the bound', async () => {
    let inFlight = 0;
    let peak = 0;
    const progress: number[] = [];
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight--;
      return n * 10;
    }, (done) => progress.push(done));
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('handles an empty list', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });
});
