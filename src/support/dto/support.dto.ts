import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { BINDING_KINDS, BINDING_STATUSES, BindingKind, BindingStatus, USER_TYPES, UserType } from '../../bindings/binding.entity';
import { LEGACY_ACCOUNT_STATUSES } from '../../legacy-binding/entities/legacy-account.entity';

type LegacyAccountStatus = (typeof LEGACY_ACCOUNT_STATUSES)[number];
import { LOCKOUT_KINDS, LockoutKind } from '../../legacy-binding/domain/lockout';
import { LockoutResponseDto } from '../../legacy-binding/dto/lockout.dto';
import { IsPlainText } from '../../registration-applications/dto/application-validators';
import { ORGANIZATION_STATUSES, ORGANIZATION_TYPES, OrganizationStatus, OrganizationType } from '../../registry/entities/organization.entity';

/**
 * Search organizations (support). Exactly one criterion. Sent as a POST body so that a resident
 * ID number never appears in a URL (proxy and access logs).
 */
export class SearchOrganizationsDto {
  @ApiPropertyOptional({ description: 'USCC, exact (18 characters; case ignored).', example: '51210300MJ0000001X' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z]{18}$/, { message: 'uscc must be 18 letters or digits' })
  uscc?: string;

  @ApiPropertyOptional({ description: 'Exact registered name (character for character).', example: '鞍山市千山区志愿者协会' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'A fragment of the name, 2-100 characters; `%` and `_` are matched literally.', example: '志愿者' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  nameContains?: string;

  @ApiPropertyOptional({
    description:
      'Resident ID number of a bound natural person (exact; matched through its keyed hash, the number is never stored). ' +
      'Finds organizations with any binding (active or ended) of that person.',
    example: '21030219900517123X',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\s*[0-9０-９]{17}[0-9０-９XxＸｘ]\s*$/, { message: 'residentId must be 18 characters: 17 digits and a digit or X' })
  residentId?: string;

  @ApiPropertyOptional({ description: 'Opaque cursor: `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Page size, 1-100 (default 20).', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** An organization in search results. */
export class SupportOrganizationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Registered name (certificate).' })
  name: string;

  @ApiProperty({ type: String, nullable: true, description: 'USCC; null while in formation.' })
  uscc: string | null;

  @ApiProperty({ enum: ORGANIZATION_TYPES })
  type: OrganizationType;

  @ApiProperty({ enum: ORGANIZATION_STATUSES })
  status: OrganizationStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Registration authority code.' })
  authorityCode: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Division code (GB/T 2260).' })
  divisionCode: string | null;
}

/** One page of search results. */
export class SupportOrganizationPageDto {
  @ApiProperty({ type: [SupportOrganizationDto], description: 'Ordered by name, then id.' })
  @ValidateNested({ each: true })
  @Type(() => SupportOrganizationDto)
  organizations: SupportOrganizationDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last page.' })
  nextCursor: string | null;
}

/** The person behind a natural-person binding, masked (PIPL). */
export class BoundPersonDto {
  @ApiProperty({ type: String, nullable: true, description: 'Name with only its first character shown, e.g. `张*`.' })
  name: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Resident ID masked, e.g. `210***********123X`.' })
  residentId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Mobile masked, e.g. `138****5678`.' })
  mobile: string | null;
}

/** A binding as support sees it. */
export class SupportBindingDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: BINDING_KINDS })
  kind: BindingKind;

  @ApiProperty({ enum: BINDING_STATUSES })
  status: BindingStatus;

  @ApiProperty({ enum: USER_TYPES, description: 'Platform user type of the bound account.' })
  userType: UserType;

  @ApiProperty({ description: 'Platform account as `issuer|subject` (the key of platform-account lockouts and audit actors).' })
  platformAccount: string;

  @ApiProperty({ format: 'date-time' })
  since: string;

  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  endedAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why it ended, e.g. `revoked_by_registrar`, `established`.' })
  endedReason: string | null;

  @ApiProperty({ type: BoundPersonDto, nullable: true, description: 'Null for legal-person bindings.' })
  @ValidateNested()
  @Type(() => BoundPersonDto)
  person: BoundPersonDto | null;
}

/** The organization's legacy account (never its password or verifier). */
export class SupportLegacyAccountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Login name in the old system.' })
  loginName: string;

  @ApiProperty({ enum: LEGACY_ACCOUNT_STATUSES })
  status: LegacyAccountStatus;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The binding made with it (status `bound`).' })
  boundBindingId: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  boundAt: string | null;
}

/** An organization with its bindings and legacy accounts. */
export class SupportOrganizationDetailDto extends SupportOrganizationDto {
  @ApiProperty({ type: [SupportBindingDto], description: 'Every binding, newest first.' })
  @ValidateNested({ each: true })
  @Type(() => SupportBindingDto)
  bindings: SupportBindingDto[];

  @ApiProperty({ type: [SupportLegacyAccountDto] })
  @ValidateNested({ each: true })
  @Type(() => SupportLegacyAccountDto)
  legacyAccounts: SupportLegacyAccountDto[];
}

/** Why a binding is revoked. */
export class RevokeBindingDto {
  @ApiProperty({ description: 'Why, e.g. the ticket and what was verified (audited; not shown to the user). 1-500 characters, no control characters other than line breaks and tabs (isPlainText).', example: '经核实该账号非本单位人员，依单位申请撤销（工单 2026-1129-03）' })
  @IsString()
  @IsNotEmpty()
  @IsPlainText()
  @MaxLength(500)
  reason: string;
}

/** The revoked binding and its consequences. */
export class RevokedBindingResponseDto {
  @ApiProperty({ type: SupportBindingDto })
  @ValidateNested()
  @Type(() => SupportBindingDto)
  binding: SupportBindingDto;

  @ApiProperty({ description: 'Sessions ended by the revocation.' })
  sessionsEnded: number;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The legacy account released to `unbound` (legacy-account bindings), else null.' })
  releasedLegacyAccountId: string | null;
}

/** Clear a lockout counter (registrars). */
export class ClearSupportLockoutDto {
  @ApiProperty({ enum: LOCKOUT_KINDS, description: '`legacy_login`: a legacy login name; `platform_account`: `issuer|subject`.' })
  @IsIn(LOCKOUT_KINDS)
  kind: LockoutKind;

  @ApiProperty({ description: 'Login name (case and width ignored) or `issuer|subject`. At most 1100 characters, no control characters (isPlainText; a NUL is VALIDATION_FAILED, never sent to the database).', example: 'qs-taiji' })
  @IsString()
  @IsNotEmpty()
  @IsPlainText()
  @MaxLength(1100)
  key: string;

  @ApiProperty({ description: 'Why the counter is cleared (audited). 1-500 characters, no control characters other than line breaks and tabs (isPlainText).', example: '电话核实身份后解锁' })
  @IsString()
  @IsNotEmpty()
  @IsPlainText()
  @MaxLength(500)
  reason: string;
}

export { LockoutResponseDto };
