import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldError, RequestValidationError } from '../errors/validation';

/** The constraint named in the field error (zh/en text in `common/errors/validation.ts`). */
export const NUL_CONSTRAINT = 'noNulCharacter';

/** Nesting depth walked; deeper values are refused by the DTOs' own validation anyway. */
const MAX_DEPTH = 16;

/**
 * The dotted paths (`contacts.0.name`; the key itself when it is the key that holds NUL) of every
 * string in `value` that contains U+0000.
 */
export function nulCharacterPaths(value: unknown, prefix = '', depth = 0): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [prefix || 'value'] : [];
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (key.includes('\u0000')) out.push(path);
    else out.push(...nulCharacterPaths(child, path, depth + 1));
  }
  return out;
}

/**
 * Global backstop, after the DTO validation: a body, query or path-parameters DTO that passed its
 * own validators but still holds U+0000 in a string (a key or value, at any depth) is refused as
 * `VALIDATION_FAILED` (constraint `noNulCharacter`, one entry per field). PostgreSQL cannot store
 * NUL in `text` or `jsonb` and fails the whole statement, so without this check a NUL in a field
 * that a DTO does not constrain by pattern would reach the database and answer 500 (found by the
 * fuzzer: `POST /v1/support/lockouts/clear` with `key: "qs-\u0000taiji"`).
 *
 * The DTOs' own validators run first, so a field with a stricter rule (`isPlainText`, a pattern)
 * reports that rule. A single named path parameter (`@Param('id', UuidParamPipe)`) is left to its
 * own pipe, which runs after the global ones and answers as for an unknown id. Guards run before any
 * pipe, so an unauthenticated request still gets 401 first.
 */
@Injectable()
export class NulCharacterPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    if (metadata.type === 'param' && metadata.data !== undefined) return value;
    const paths = metadata.data === undefined ? nulCharacterPaths(value) : nulCharacterPaths(value, metadata.data);
    if (paths.length === 0) return value;
    const errors: FieldError[] = paths.map((field) => ({ field, constraint: NUL_CONSTRAINT, detail: `${field} must not contain the NUL character (U+0000)` }));
    throw new RequestValidationError(errors);
  }
}
