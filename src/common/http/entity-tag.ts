/**
 * Weak entity tags for optimistic concurrency (RFC 9110 §8.8.3, §13.1.1): a resource's
 * `version` is shown as `ETag: W/"<version>"` and a change must send it back in `If-Match`.
 * Pure.
 */

/** The ETag of a version: `W/"3"`. */
export function versionTag(version: number): string {
  return `W/"${version}"`;
}

/** An `If-Match` header, read. */
export type IfMatch =
  | { readonly kind: 'absent' }
  | { readonly kind: 'any' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'versions'; readonly versions: readonly number[] };

const TAG = /^(?:W\/)?"(\d{1,9})"$/;

/**
 * Read `If-Match`: a comma-separated list of entity tags (`W/"3"` or `"3"`; weak comparison,
 * as our tags are versions), or `*`. Anything else is invalid.
 */
export function readIfMatch(header: string | string[] | undefined): IfMatch {
  if (header === undefined) return { kind: 'absent' };
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '') return { kind: 'absent' };
  if (value === '*') return { kind: 'any' };
  const versions: number[] = [];
  for (const part of value.split(',')) {
    const match = TAG.exec(part.trim());
    if (!match) return { kind: 'invalid' };
    versions.push(Number(match[1]));
  }
  return { kind: 'versions', versions };
}
