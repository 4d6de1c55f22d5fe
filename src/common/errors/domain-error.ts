import { ErrorCode } from './error-codes';

/** Values substituted into a catalogued message, and extra problem members (e.g. `errors`). */
export type ErrorParams = Readonly<Record<string, string | number>>;

/**
 * The one error type services throw. It carries a stable {@link ErrorCode}; the global
 * filter turns it into RFC 9457 problem+json. Services never throw HTTP exceptions.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    /** Extra members added to the problem document (already safe to show the caller). */
    readonly extensions: Readonly<Record<string, unknown>> = {},
    /** Response headers to set (e.g. `Retry-After`). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
