/**
 * Dates and times as the province reads them: China Standard Time (Asia/Shanghai, UTC+8, no
 * daylight saving time). Pure.
 */

const UTC_PLUS_8_MS = 8 * 3_600_000;

/** The calendar day (`YYYY-MM-DD`) of `now` in China. */
export function chinaCalendarDay(now: Date): string {
  return new Date(now.getTime() + UTC_PLUS_8_MS).toISOString().slice(0, 10);
}

/** A moment for users' eyes: `2026-11-02 16:05:41 (UTC+8)`. */
export function chinaDateTime(moment: Date | string): string {
  const time = typeof moment === 'string' ? new Date(moment).getTime() : moment.getTime();
  return `${new Date(time + UTC_PLUS_8_MS).toISOString().slice(0, 19).replace('T', ' ')} (UTC+8)`;
}
