import { PipeTransform } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { AUTHORITY_CODE_PATTERN } from './domain/sample-authorities';

/**
 * An authority-code path parameter (`MZ-210311`, {@link AUTHORITY_CODE_PATTERN}). A value that is no
 * authority code names no authority: it fails with `code` (the same answer as an unknown code) before
 * it reaches the database, which refuses some characters (NUL) outright.
 */
export class AuthorityCodeParamPipe implements PipeTransform<string, string> {
  constructor(private readonly code: ErrorCode) {}

  transform(value: string): string {
    if (typeof value === 'string' && AUTHORITY_CODE_PATTERN.test(value)) return value;
    // As for an unknown code (registrar-roster.ts); the value is shown JSON-escaped, never sent to PostgreSQL.
    if (this.code === ErrorCode.AUTHORITY_NOT_FOUND) throw new DomainError(this.code, { authorityCode: String(value) }, { authorityCodes: [String(value)] });
    throw new DomainError(this.code);
  }
}
