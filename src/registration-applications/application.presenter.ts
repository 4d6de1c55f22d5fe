import { Language } from '../common/http/language';
import { describeNameWarning, findSuspiciousNameIssues } from '../identity-claims/domain/name-input-checks';
import { divisionFullName } from '../registry/authorities.repository';
import { RegistrationAuthorityEntity } from '../registry/entities/registration-authority.entity';
import { PersonalDataProtector } from '../personal-data/personal-data-protector';
import { readContact } from './application-contact';
import { NameWarningDto, RegistrationApplicationResponseDto } from './dto/registration-application-response.dto';
import { RegistrationApplicationEntity } from './registration-application.entity';

/** An application with the authority it is routed to. */
export interface ApplicationWithAuthority {
  readonly application: RegistrationApplicationEntity;
  readonly authority: Pick<RegistrationAuthorityEntity, 'code' | 'name' | 'divisionCode'>;
}

/**
 * An application as the API shows it. Contact details are in clear only for the reviewing
 * registrar's detail view; everywhere else masked.
 */
export function presentApplication(
  { application: a, authority }: ApplicationWithAuthority,
  options: { contact: 'clear' | 'masked'; language: Language; protector: PersonalDataProtector },
): RegistrationApplicationResponseDto {
  return {
    id: a.id,
    status: a.status,
    version: a.version,
    divisionCode: a.divisionCode,
    divisionName: divisionFullName(a.divisionCode),
    authority: { code: authority.code, name: authority.name, divisionCode: authority.divisionCode },
    proposedName: a.proposedName,
    organizationType: a.organizationType,
    contact: readContact(a.contact, options.contact, options.protector),
    note: a.note,
    nameWarnings: presentNameWarnings(a.proposedName, options.language),
    submittedAt: a.submittedAt.toISOString(),
    decidedAt: a.decidedAt ? a.decidedAt.toISOString() : null,
    rejectionReason: a.rejectionReason,
    decisionNote: a.decisionNote,
    withdrawnAt: a.withdrawnAt ? a.withdrawnAt.toISOString() : null,
    organizationId: a.organizationId,
  };
}

/** Suspicious width/space issues of a proposed name, each with its sentence. */
export function presentNameWarnings(name: string, language: Language): NameWarningDto[] {
  return findSuspiciousNameIssues(name).map((w) => ({
    code: w.code,
    position: w.position,
    char: w.char,
    codePoint: w.codePoint,
    ...(w.suggestion !== undefined ? { suggestion: w.suggestion } : {}),
    message: describeNameWarning(w)[language],
  }));
}

/** Chinese labels of the statuses (problem details). */
export const APPLICATION_STATUS_TEXT: Readonly<Record<string, string>> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
};
