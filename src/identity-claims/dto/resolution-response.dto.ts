import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BindingOption, ResolutionStatus } from '../domain/resolution';

/** The organization account a resolution refers to. */
export class ResolvedOrganizationDto {
  @ApiProperty({ description: 'Organization id (UUID).', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Exact legal name as on the registration certificate.', example: '辽宁省爱梦成真青年发展基金会' })
  name: string;

  @ApiProperty({ description: 'USCC (GB 32100-2015); null while the organization is in formation.', nullable: true, type: String, example: '53210000MJ2831229F' })
  uscc: string | null;

  @ApiProperty({ enum: ['social_group', 'private_non_enterprise', 'foundation'] })
  type: string;

  @ApiProperty({ enum: ['established', 'in_formation', 'deregistered'] })
  status: string;

  @ApiProperty({ description: 'Code of the registration authority, when known.', nullable: true, type: String })
  authorityCode: string | null;

  @ApiProperty({ description: 'GB/T 2260 division code of the registering authority, when known.', nullable: true, type: String, example: '210000' })
  divisionCode: string | null;
}

/** The binding that lets the platform account act as the organization account. */
export class ResolvedBindingDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['legal_person', 'legacy_account', 'application'], description: 'How the binding was made.' })
  kind: string;

  @ApiProperty({ description: 'When the binding was made (ISO 8601).', format: 'date-time' })
  since: string;

  @ApiPropertyOptional({
    description: 'Natural-person binding of an organization established with a grace period (`ESTABLISHMENT_GRACE_PERIOD_HOURS`): when it stops counting; register the legal-person user before then.',
    format: 'date-time',
  })
  supersedeAt?: string;
}

/** The legal-person user the organization must register and use from now on (guide §3 注4, 图7). */
export class LegalPersonAccountDto {
  @ApiProperty({ description: 'Organization name to register on the platform, exactly as on the registration certificate (一字不差).', example: '鞍山市智慧养老行业协会' })
  name: string;

  @ApiProperty({ description: 'USCC to register, as on the certificate.', example: '51210300MJ0000000X' })
  uscc: string;
}

/** Which USCC rule failed (GB 32100-2015), for USCC_INVALID. */
export class UsccCheckDto {
  @ApiProperty({ enum: ['LENGTH', 'CHARSET', 'REGISTRATION_DEPARTMENT', 'CATEGORY', 'DIVISION', 'ORGANIZATION_CODE_CHECK', 'CHECK_CHARACTER'] })
  rule: string;

  @ApiProperty({ description: 'What is wrong, in the caller\'s language.' })
  message: string;

  @ApiPropertyOptional({ description: '1-based position of the offending character.' })
  position?: number;

  @ApiPropertyOptional({ description: 'Expected value (e.g. the correct check character).' })
  expected?: string;

  @ApiPropertyOptional({ description: 'Actual value found.' })
  actual?: string;

  @ApiPropertyOptional({ description: 'The code upper-cased and half-width, when that form is valid: the platform record should carry it.' })
  normalized?: string;
}

/** One differing position between the platform name and the certificate name. */
export class NameDifferenceDto {
  @ApiProperty({ enum: ['width', 'whitespace', 'invisible', 'traditional-vs-simplified', 'missing', 'extra', 'different'] })
  kind: string;

  @ApiProperty({ description: '1-based position in the certificate name, counted in Unicode code points.' })
  position: number;

  @ApiPropertyOptional({ description: 'Character in the platform name.' })
  claimedChar?: string;

  @ApiPropertyOptional({ description: 'Its code point, `U+FF08` style.' })
  claimedCodePoint?: string;

  @ApiPropertyOptional({ description: 'Character on the certificate.' })
  registeredChar?: string;

  @ApiPropertyOptional({ description: 'Its code point, `U+FF08` style.' })
  registeredCodePoint?: string;

  @ApiProperty({ description: 'This difference in a sentence, in the caller\'s language.' })
  explanation: string;
}

/** Why the platform name differs from the certificate (ORGANIZATION_NAME_MISMATCH). */
export class NameMismatchDto {
  @ApiProperty({ description: 'Name carried by the platform token.' })
  claimedName: string;

  @ApiProperty({ description: 'Exact name on the registration certificate.' })
  registeredName: string;

  @ApiProperty({ enum: ['exact', 'equivalent'], description: 'Comparison policy in force.' })
  policy: string;

  @ApiProperty({ type: [NameDifferenceDto] })
  differences: NameDifferenceDto[];
}

/** The authority a registration application is routed to. */
export class ResolutionApplicationAuthorityDto {
  @ApiProperty({ example: 'MZ-210311' })
  code: string;

  @ApiProperty({ example: '鞍山市千山区民政局' })
  name: string;
}

/** The natural-person user's latest registration application (APPLICATION_PENDING, APPLICATION_REJECTED). */
export class ResolutionApplicationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['pending', 'rejected'] })
  status: string;

  @ApiProperty({ type: ResolutionApplicationAuthorityDto, description: 'The registration authority reviewing it (guide 图10 所属登记管理机关).' })
  authority: ResolutionApplicationAuthorityDto;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'With APPLICATION_REJECTED: when it was rejected.' })
  decidedAt: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'With APPLICATION_REJECTED: the registrar\'s reason.' })
  rejectionReason: string | null;
}

/**
 * One resolution: what the management system should do with this platform login.
 * `status` says which; the other members present depend on it (see each member).
 */
export class ResolutionResponseDto {
  @ApiProperty({ enum: Object.values(ResolutionStatus), description: 'The resolution (DOMAIN.md table).' })
  status: ResolutionStatus;

  @ApiProperty({ description: 'What the user should do, in the caller\'s language (zh-CN default).' })
  message: string;

  @ApiPropertyOptional({ type: ResolvedOrganizationDto, description: 'The organization concerned (BOUND, NAME_MISMATCH, ALREADY_BOUND, DEREGISTERED, …).' })
  organization?: ResolvedOrganizationDto;

  @ApiPropertyOptional({ type: ResolvedBindingDto, description: 'Present with BOUND.' })
  binding?: ResolvedBindingDto;

  @ApiPropertyOptional({
    type: LegalPersonAccountDto,
    description: 'With LEGAL_PERSON_ACCOUNT_REQUIRED (and with BOUND during an establishment grace period): the certificate name and USCC the legal-person user must register.',
  })
  legalPersonAccount?: LegalPersonAccountDto;

  @ApiPropertyOptional({ type: UsccCheckDto, description: 'Present with USCC_INVALID.' })
  usccCheck?: UsccCheckDto;

  @ApiPropertyOptional({ type: NameMismatchDto, description: 'Present with ORGANIZATION_NAME_MISMATCH.' })
  nameMismatch?: NameMismatchDto;

  @ApiPropertyOptional({ description: 'With LEGAL_PERSON_ALREADY_BOUND: since when the other account holds the organization.', format: 'date-time' })
  boundSince?: string;

  @ApiPropertyOptional({ type: ResolutionApplicationDto, description: 'With APPLICATION_PENDING (authority, submitted at) and APPLICATION_REJECTED (reason, decided at).' })
  application?: ResolutionApplicationDto;

  @ApiPropertyOptional({ enum: Object.values(BindingOption), isArray: true, description: 'With BINDING_REQUIRED and APPLICATION_REJECTED (the user may apply again): the ways to proceed (guide 图9).' })
  options?: BindingOption[];
}
