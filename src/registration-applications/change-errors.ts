import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { RequestValidationError } from '../common/errors/validation';
import { readIfMatch, versionTag } from '../common/http/entity-tag';
import { APPLICATION_STATUS_TEXT } from './application.presenter';
import { ChangeRefusal } from './domain/change-precondition';

/**
 * The versions an `If-Match` header names. Required for registrar decisions (absent or `*`:
 * 428 PRECONDITION_REQUIRED), optional for the applicant's withdrawal (absent: `null`).
 * A malformed header is a VALIDATION_FAILED on `If-Match`.
 */
export function seenVersions(header: string | string[] | undefined, required: boolean): number[] | null {
  const ifMatch = readIfMatch(header);
  switch (ifMatch.kind) {
    case 'versions':
      return [...ifMatch.versions];
    case 'invalid':
      throw new RequestValidationError([{ field: 'If-Match', constraint: 'matches', detail: 'If-Match must be an ETag such as W/"1"' }]);
    case 'absent':
    case 'any':
      if (required) throw new DomainError(ErrorCode.PRECONDITION_REQUIRED);
      return null;
  }
}

/** The problem for a refused change: 409 with the current status, or 412 with the current ETag. */
export function refusalError(refusal: ChangeRefusal, seen: readonly number[] | null): DomainError {
  if (refusal.kind === 'status') {
    return new DomainError(
      ErrorCode.APPLICATION_STATUS_CONFLICT,
      { currentStatus: refusal.currentStatus, currentStatusText: APPLICATION_STATUS_TEXT[refusal.currentStatus] ?? refusal.currentStatus },
      { currentStatus: refusal.currentStatus },
    );
  }
  const currentETag = versionTag(refusal.currentVersion);
  return new DomainError(
    ErrorCode.PRECONDITION_FAILED,
    { sentETag: (seen ?? []).map(versionTag).join(', '), currentETag },
    { currentVersion: refusal.currentVersion },
    { etag: currentETag },
  );
}
