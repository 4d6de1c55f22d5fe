/** Pure helpers of the support search: LIKE escaping and the keyset cursor. */

/** Escape `\`, `%` and `_` so that a fragment is matched literally by `LIKE … ESCAPE '\'`. */
export function escapeLikePattern(fragment: string): string {
  return fragment.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Position after the last organization of a page (ordered by name, then id). */
export interface SearchCursor {
  readonly name: string;
  readonly id: string;
}

export function encodeSearchCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id]), 'utf8').toString('base64url');
}

/** The cursor, or `null` when it is not one this service made. */
export function decodeSearchCursor(value: string): SearchCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [name, id] = parsed as unknown[];
    if (typeof name !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { name, id };
  } catch {
    return null;
  }
}
