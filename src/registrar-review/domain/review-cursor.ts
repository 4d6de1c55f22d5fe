/**
 * The review list's keyset cursor: the position (submission time with microseconds, id) of the
 * last item of a page, as an opaque base64url string. Oldest first; stable while applications
 * are added (new ones come after) or decided. Pure.
 */
export interface ReviewCursor {
  /** `2026-11-20T08:00:00.123456Z` (PostgreSQL microsecond precision, UTC). */
  readonly submittedAt: string;
  readonly id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeReviewCursor(cursor: ReviewCursor): string {
  return Buffer.from(JSON.stringify([cursor.submittedAt, cursor.id]), 'utf8').toString('base64url');
}

/** The cursor, or null when the string is not one this API issued. */
export function decodeReviewCursor(value: string): ReviewCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [submittedAt, id] = parsed as unknown[];
    if (typeof submittedAt !== 'string' || !AT.test(submittedAt) || typeof id !== 'string' || !UUID.test(id)) return null;
    return { submittedAt, id };
  } catch {
    return null;
  }
}
