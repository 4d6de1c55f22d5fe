import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ORGANIZATION_STATUSES, ORGANIZATION_TYPES, OrganizationStatus, OrganizationType } from '../../registry/entities/organization.entity';
import { IsCertificateName, IsDateOnly, IsLiaoningDivision } from './registry-validators';

/** Path of `PUT /v1/organizations/{externalId}`. */
export class ExternalIdParamDto {
  @ApiProperty({ description: 'The organization\'s id in the management system (1-100 printable ASCII characters, no spaces).', example: 'MGMT-2024-000153' })
  @Matches(/^[\x21-\x7e]{1,100}$/)
  externalId: string;
}

/** Path of the transition routes. */
export class OrganizationIdParamDto {
  @ApiProperty({ description: 'Organization id (UUID, as returned by the PUT).', format: 'uuid' })
  @IsUUID()
  id: string;
}

/**
 * The registry record as held by the management system (the system of record). PUT semantics:
 * the body is the whole record; an omitted optional field is cleared.
 */
export class UpsertOrganizationDto {
  @ApiProperty({
    description: 'Exact legal name (certificate name, 一字不差; for an organization in formation: the name assigned by the authority). Stored exactly as sent: 1-200 characters, no leading/trailing white space, no control or zero-width characters. A rename keeps the bindings.',
    example: '鞍山市智慧养老行业协会',
  })
  @IsString()
  @IsCertificateName()
  name: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES, description: '社会团体 / 民办非企业单位(社会服务机构) / 基金会.' })
  @IsIn(ORGANIZATION_TYPES)
  type: OrganizationType;

  @ApiProperty({
    enum: ORGANIZATION_STATUSES,
    description: 'Registration status. A change is a transition with its effects (in_formation → established supersedes natural-person bindings; → deregistered revokes all bindings); other changes answer 409 ORGANIZATION_TRANSITION_INVALID.',
  })
  @IsIn(ORGANIZATION_STATUSES)
  status: OrganizationStatus;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'USCC (GB 32100-2015), required when established. Normalised (trimmed, half-width, upper case). Wrong length or characters → 422 USCC_INVALID; a code failing only a check character is accepted with a warning (registry data is authoritative, as for the file import). Unique: 409 USCC_ALREADY_REGISTERED.',
    example: '51210300MJ0000000X',
  })
  @ValidateIf((o: UpsertOrganizationDto) => o.status === 'established' || (o.uscc !== undefined && o.uscc !== null))
  @IsDefined()
  @IsString()
  @MaxLength(64)
  uscc?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Code of the registration authority; must exist (422 REGISTRATION_AUTHORITY_NOT_FOUND).', example: '210300-MZ' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  authorityCode?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'GB/T 2260 division of the registering authority (Liaoning; historical codes are recorded as their successor). Default: the authority\'s division, else USCC positions 3-8.',
    example: '210300',
  })
  @IsOptional()
  @IsLiaoningDivision()
  divisionCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', description: 'Date of establishment (YYYY-MM-DD, not in the future; not for an organization in formation).' })
  @IsOptional()
  @IsDateOnly()
  establishedAt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', description: 'Date of deregistration (YYYY-MM-DD; only when deregistered; not before establishment, not in the future).' })
  @IsOptional()
  @IsDateOnly()
  deregisteredAt?: string | null;
}

/** Body of `POST /v1/organizations/{id}/establishment`. */
export class EstablishOrganizationDto {
  @ApiProperty({
    description: 'USCC on the registration certificate. Checked strictly against GB 32100-2015 (a newly issued code has correct check characters): any failure → 422 USCC_INVALID with the rule. Unique: 409 USCC_ALREADY_REGISTERED.',
    example: '51210300MJ0000000X',
  })
  @IsString()
  @MaxLength(64)
  uscc: string;

  @ApiProperty({
    description: 'Exact name on the registration certificate; becomes the organization\'s name, the name the legal-person user must register 一字不差 (guide 图7).',
    example: '鞍山市智慧养老行业协会',
  })
  @IsString()
  @IsCertificateName()
  certificateName: string;

  @ApiProperty({ format: 'date', description: 'Date of establishment (YYYY-MM-DD, not in the future): the day the last step, seal and bank-account filing (银行印章备案), completed.' })
  @IsDateOnly()
  establishedAt: string;
}

/** Body of `POST /v1/organizations/{id}/deregistration`. */
export class DeregisterOrganizationDto {
  @ApiPropertyOptional({ format: 'date', description: 'Date of deregistration (YYYY-MM-DD, not in the future, not before establishment).' })
  @IsOptional()
  @IsDateOnly()
  deregisteredAt?: string;
}

/** An organization as the registry holds it. */
export class OrganizationRecordDto {
  @ApiProperty({ format: 'uuid', description: 'Our id; use it for the transition routes.' })
  id: string;

  @ApiProperty({ type: String, nullable: true, description: 'Id in the management system.' })
  externalId: string | null;

  @ApiProperty({ description: 'Exact legal name.' })
  name: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES })
  type: string;

  @ApiProperty({ enum: ORGANIZATION_STATUSES })
  status: string;

  @ApiProperty({ type: String, nullable: true })
  uscc: string | null;

  @ApiProperty({ type: String, nullable: true })
  authorityCode: string | null;

  @ApiProperty({ type: String, nullable: true })
  divisionCode: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  establishedAt: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  deregisteredAt: string | null;

  @ApiProperty({ description: 'Record version; grows by one with every change (not with an unchanged sync).' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

/** What a change did to bindings and sessions. */
export class LifecycleEffectsDto {
  @ApiProperty({ description: 'Natural-person bindings superseded now (establishment without grace period).' })
  supersededBindings: number;

  @ApiProperty({ description: 'Natural-person bindings that stay usable until `supersedeAt` (grace period).' })
  scheduledSupersessions: number;

  @ApiProperty({ description: 'Bindings revoked (deregistration).' })
  revokedBindings: number;

  @ApiProperty({ description: 'Sessions ended.' })
  endedSessions: number;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'End of the grace period (`ESTABLISHMENT_GRACE_PERIOD_HOURS`), when one applies.' })
  supersedeAt: string | null;
}

/** The answer of the registry sync and transition routes. */
export class OrganizationChangeResponseDto {
  @ApiProperty({ enum: ['created', 'updated', 'unchanged'], description: '`unchanged`: the same record again (idempotent): no new version, no event.' })
  outcome: 'created' | 'updated' | 'unchanged';

  @ApiProperty({ enum: ['establish', 'deregister'], nullable: true, type: String, description: 'The status transition applied, if any.' })
  transition: 'establish' | 'deregister' | null;

  @ApiProperty({ type: [String], description: 'Fields that changed (`externalId`, `name`, `type`, `status`, `uscc`, `authorityCode`, `divisionCode`, `establishedAt`, `deregisteredAt`).' })
  changedFields: string[];

  @ApiProperty({ type: [String], description: 'Accepted but worth checking (e.g. a USCC check character, half-width brackets in the name).' })
  warnings: string[];

  @ApiProperty({ type: OrganizationRecordDto })
  organization: OrganizationRecordDto;

  @ApiProperty({ type: LifecycleEffectsDto })
  effects: LifecycleEffectsDto;
}
