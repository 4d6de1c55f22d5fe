import { ERROR_CATALOG, LocalizedText } from './error-catalog';
import { ErrorCode } from './error-codes';
import { ErrorParams } from './domain-error';
import { Language } from '../http/language';

/** Media type of every error response (RFC 9457 §3). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * Path under which the service documents its problem types (`GET /problems/{type}`): the base
 * of every `type` URI unless `PROBLEM_TYPE_BASE_URI` names another (RFC 9457 §3.1.1: a type
 * URI should resolve to human-readable documentation under the API owner's control).
 */
export const PROBLEM_TYPES_PATH = '/problems/';

/** `TOKEN_INVALID` → `token-invalid`: the last segment of the code's `type` URI. */
export function problemTypeName(code: ErrorCode): string {
  return code.toLowerCase().replace(/_/g, '-');
}

/** `token-invalid` → `TOKEN_INVALID`, or undefined when no catalogued code has that type. */
export function codeOfProblemType(name: string): ErrorCode | undefined {
  if (!/^[a-z]+(-[a-z]+)*$/.test(name)) return undefined;
  const code = name.toUpperCase().replace(/-/g, '_');
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOG, code) ? (code as ErrorCode) : undefined;
}

/** A host (name or IPv4, or bracketed IPv6) with an optional port: safe to put into a URI. */
const SAFE_HOST = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$/;

/**
 * The prefix of the `type` URIs in an answer to one request: the configured base when there is
 * one; else `{protocol}://{host}/problems/` from the request's public origin (Fastify applies
 * `TRUST_PROXY` to `X-Forwarded-Proto`/`-Host`); else (no usable Host: an HTTP/1.0 request, a
 * raw parser error) the relative `/problems/`, which RFC 9457 §3.1.1 allows and which resolves
 * against the URI the client requested.
 */
export function problemTypeBase(configured: string | null, origin?: { protocol?: string; host?: string }): string {
  if (configured) return configured;
  const protocol = origin?.protocol;
  const host = origin?.host;
  if ((protocol === 'http' || protocol === 'https') && host && SAFE_HOST.test(host)) return `${protocol}://${host}${PROBLEM_TYPES_PATH}`;
  return PROBLEM_TYPES_PATH;
}

/** RFC 9457 problem details, with our stable `code` and the request id. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  requestId: string;
  [extension: string]: unknown;
}

/** Fill `{name}` placeholders; unknown placeholders are left visible rather than guessed. */
export function fillTemplate(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole,
  );
}

/** Choose the text for a language. */
export function localize(text: LocalizedText, language: Language): string {
  return language === 'en' ? text.en : text.zh;
}

/** Build the problem document for a code, in the caller's language. */
export function buildProblem(args: {
  code: ErrorCode;
  /** Prefix of the `type` URI ({@link problemTypeBase}). */
  typeBase: string;
  params?: ErrorParams;
  extensions?: Readonly<Record<string, unknown>>;
  language: Language;
  requestId: string;
  instance?: string;
}): ProblemDocument {
  const definition = ERROR_CATALOG[args.code];
  return {
    type: `${args.typeBase}${problemTypeName(args.code)}`,
    title: localize(definition.title, args.language),
    status: definition.status,
    detail: fillTemplate(localize(definition.detail, args.language), args.params ?? {}),
    ...(args.instance ? { instance: args.instance } : {}),
    ...(args.extensions ?? {}),
    code: args.code,
    requestId: args.requestId,
  };
}
