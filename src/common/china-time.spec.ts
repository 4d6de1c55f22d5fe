import { chinaCalendarDay, chinaDateTime } from './china-time';

describe('China time', () => {
  it('takes the calendar day in China (UTC+8)', () => {
    expect(chinaCalendarDay(new Date('2026-11-02T15:59:59Z'))).toBe('2026-11-02');
    expect(chinaCalendarDay(new Date('2026-11-02T16:00:00Z'))).toBe('2026-11-03');
  });

  it('shows a moment in China Standard Time', () => {
    expect(chinaDateTime('2026-11-02T08:05:41.291Z')).toBe('2026-11-02 16:05:41 (UTC+8)');
    expect(chinaDateTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00:00 (UTC+8)');
  });
});
