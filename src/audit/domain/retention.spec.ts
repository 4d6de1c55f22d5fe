import { MIN_AUDIT_RETENTION_DAYS, retentionCutoff } from './retention';

describe('retentionCutoff', () => {
  it('is the given number of whole days before now', () => {
    expect(retentionCutoff(new Date('2026-11-29T08:00:00.000Z'), 1825).toISOString()).toBe('2021-11-30T08:00:00.000Z');
    expect(retentionCutoff(new Date('2026-11-29T08:00:00.000Z'), 180).toISOString()).toBe('2026-06-02T08:00:00.000Z');
  });

  it('refuses less than the legal minimum of six months, and fractions', () => {
    expect(() => retentionCutoff(new Date(), MIN_AUDIT_RETENTION_DAYS - 1)).toThrow(RangeError);
    expect(() => retentionCutoff(new Date(), 200.5)).toThrow(RangeError);
  });
});
