/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code units (as RFC 8785 / JCS),
 * no insignificant whitespace, strings escaped as `JSON.stringify` does, and numbers written
 * with the exact lexeme they were read with (never re-rounded through a double), so that two
 * readings of the same stored value always give the same bytes.
 */

/** A JSON number kept as its source text (e.g. `1.50`, `12345678901234567890`). */
export class JsonNumber {
  constructor(readonly lexeme: string) {}
}

/** A JSON value whose numbers keep their source text. */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

/** `JSON.parse` reviver context (ES2025 "JSON.parse source text access", Node >= 21). */
interface ReviverContext {
  readonly source?: string;
}

/**
 * Parse JSON text, keeping every number's lexeme.
 * @throws SyntaxError on invalid JSON; Error when the runtime lacks source text access.
 */
export function parseJsonPreservingNumbers(text: string): JsonValue {
  const reviver = (_key: string, value: unknown, context?: ReviverContext): unknown => {
    if (typeof value !== 'number') return value;
    if (context?.source === undefined) throw new Error('JSON.parse source text access is required (Node.js >= 21)');
    return new JsonNumber(context.source);
  };
  return JSON.parse(text, reviver as (key: string, value: unknown) => unknown) as JsonValue;
}

/** Serialize a value canonically (see the module comment). `undefined` members are omitted. */
export function canonicalJson(value: JsonValue): string {
  if (value === null) return 'null';
  if (value instanceof JsonNumber) return value.lexeme;
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}
