import { ERROR_CATALOG, LocalizedText } from './error-catalog';
import { ErrorCode } from './error-codes';
import { ErrorParams } from './domain-error';
import { Language } from '../http/language';

/** Media type of every error response (RFC 9457 §3). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Base of the `type` URIs; each code has its own document under it. */
export const PROBLEM_TYPE_BASE = 'https://orgbind.lnsj.gov.cn/problems/';

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
  params?: ErrorParams;
  extensions?: Readonly<Record<string, unknown>>;
  language: Language;
  requestId: string;
  instance?: string;
}): ProblemDocument {
  const definition = ERROR_CATALOG[args.code];
  return {
    type: `${PROBLEM_TYPE_BASE}${args.code.toLowerCase().replace(/_/g, '-')}`,
    title: localize(definition.title, args.language),
    status: definition.status,
    detail: fillTemplate(localize(definition.detail, args.language), args.params ?? {}),
    ...(args.instance ? { instance: args.instance } : {}),
    ...(args.extensions ?? {}),
    code: args.code,
    requestId: args.requestId,
  };
}
