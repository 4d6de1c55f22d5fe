import { createHash } from 'node:crypto';

/**
 * Rules for the fields of a registration application (guide 图10). Pure.
 */

/** A mainland China mobile number: 11 digits, `1` then `3`-`9` (MIIT numbering plan). */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * A Chinese person's name: Han characters, optionally in parts joined by a middle dot as in
 * minority and transliterated names (阿依古丽·买买提). `·` U+00B7 is the standard separator;
 * `•` U+2022 and `・` U+30FB are what input methods often produce instead.
 */
export const CHINESE_PERSON_NAME = /^\p{Script=Han}+(?:[·•・]\p{Script=Han}+)*$/u;

/** Bounds, in Unicode code points. */
export const CONTACT_NAME_LENGTH = { min: 2, max: 30 } as const;
export const PROPOSED_NAME_LENGTH = { min: 2, max: 100 } as const;
export const NOTE_MAX_LENGTH = 500;
export const REJECTION_REASON_LENGTH = { min: 2, max: 500 } as const;

/** Whether `value` is a mainland mobile number. */
export function isMainlandMobile(value: unknown): boolean {
  return typeof value === 'string' && MAINLAND_MOBILE.test(value);
}

/** Whether `value` is a Chinese person's name of 2-30 characters. */
export function isChinesePersonName(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const length = Array.from(value).length;
  return length >= CONTACT_NAME_LENGTH.min && length <= CONTACT_NAME_LENGTH.max && CHINESE_PERSON_NAME.test(value);
}

/** Whether `value` has between `min` and `max` Unicode code points. */
export function hasCodePointLength(value: unknown, min: number, max: number): boolean {
  if (typeof value !== 'string') return false;
  const length = Array.from(value).length;
  return length >= min && length <= max;
}

/**
 * Free text (notes, reasons): no control characters other than line breaks and tabs, and not
 * only whitespace.
 */
export function isPlainText(value: unknown): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what this check looks for
  return typeof value === 'string' && value.trim().length > 0 && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/u.test(value);
}

/** The fields of an application that identify the request (what a retry must repeat). */
export interface ApplicationRequestFields {
  readonly divisionCode: string;
  readonly authorityCode: string;
  readonly proposedName: string;
  readonly organizationType: string;
  readonly contactName: string;
  readonly contactMobile: string;
  readonly note: string | null;
}

/**
 * SHA-256 (hex) of the request's canonical form (fixed key order, absent note as null): equal
 * for a retry of the same request, different as soon as any field differs.
 */
export function requestFingerprint(fields: ApplicationRequestFields): string {
  const canonical = JSON.stringify([
    fields.divisionCode,
    fields.authorityCode,
    fields.proposedName,
    fields.organizationType,
    fields.contactName,
    fields.contactMobile,
    fields.note,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Printable ASCII without spaces, 1-255 characters (a UUID is recommended). */
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

/** An `Idempotency-Key` header, read. */
export type IdempotencyKeyHeader =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'valid'; readonly key: string };

/**
 * Read an `Idempotency-Key` header (draft-ietf-httpapi-idempotency-key-header: an sf-string,
 * so surrounding double quotes are removed). A repeated header is invalid.
 */
export function readIdempotencyKey(header: string | string[] | undefined): IdempotencyKeyHeader {
  if (header === undefined) return { kind: 'missing' };
  if (Array.isArray(header)) return header.length === 0 ? { kind: 'missing' } : { kind: 'invalid' };
  const trimmed = header.trim();
  if (trimmed === '') return { kind: 'missing' };
  const unquoted = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  return IDEMPOTENCY_KEY.test(unquoted) ? { kind: 'valid', key: unquoted } : { kind: 'invalid' };
}
