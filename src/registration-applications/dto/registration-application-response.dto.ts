import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_STATUSES } from '../domain/application-status';
import { ORGANIZATION_TYPES } from '../../registry/entities/organization.entity';

/** The authority an application is routed to. */
export class ApplicationAuthorityDto {
  @ApiProperty({ example: 'MZ-210311' })
  code: string;

  @ApiProperty({ example: '鞍山市千山区民政局' })
  name: string;

  @ApiProperty({ description: 'GB/T 2260 code of the authority\'s division.', example: '210311' })
  divisionCode: string;
}

/** The contact person of an application. */
export class ApplicationContactDto {
  @ApiProperty({ description: 'Name; masked (`张*`) unless `masked` is false.', example: '张**' })
  name: string;

  @ApiProperty({ description: 'Mobile number; masked (`138****0000`) unless `masked` is false.', example: '138****0000' })
  mobile: string;

  @ApiProperty({ description: 'False only in the reviewing registrar\'s detail view.' })
  masked: boolean;
}

/** A suspicious but allowed character in the proposed name (flagged, never changed). */
export class NameWarningDto {
  @ApiProperty({
    enum: ['half-width-bracket', 'half-width-punctuation', 'half-width-letter', 'half-width-digit', 'leading-whitespace', 'trailing-whitespace', 'consecutive-whitespace', 'inner-whitespace', 'ideographic-space', 'mixed-width-brackets', 'unbalanced-bracket'],
  })
  code: string;

  @ApiProperty({ description: '1-based position, in Unicode code points.' })
  position: number;

  @ApiProperty({ description: 'The character.' })
  char: string;

  @ApiProperty({ description: '`U+0028` style.' })
  codePoint: string;

  @ApiPropertyOptional({ description: 'The full-width form certificates normally use.' })
  suggestion?: string;

  @ApiProperty({ description: 'The warning in a sentence, in the caller\'s language.' })
  message: string;
}

/** A registration application (guide 图10). */
export class RegistrationApplicationResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: APPLICATION_STATUSES, description: 'pending → approved | rejected | withdrawn (final).' })
  status: string;

  @ApiProperty({ description: 'Version, incremented by every change; the ETag is `W/"<version>"` (send it as If-Match to decide or withdraw).', example: 1 })
  version: number;

  @ApiProperty({ description: '登记机关所属地 (GB/T 2260).', example: '210311' })
  divisionCode: string;

  @ApiProperty({ description: 'Division name with its parents.', example: '辽宁省鞍山市千山区' })
  divisionName: string;

  @ApiProperty({ type: ApplicationAuthorityDto })
  authority: ApplicationAuthorityDto;

  @ApiProperty({ description: 'Proposed name exactly as typed.', example: '鞍山市千山区青年志愿者协会' })
  proposedName: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES })
  organizationType: string;

  @ApiProperty({ type: ApplicationContactDto })
  contact: ApplicationContactDto;

  @ApiProperty({ description: 'Applicant\'s note to the registrar.', nullable: true, type: String })
  note: string | null;

  @ApiProperty({ type: [NameWarningDto], description: 'Suspicious width or space issues in the proposed name (guide 图10 注2); empty when none.' })
  nameWarnings: NameWarningDto[];

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  @ApiProperty({ description: 'When a registrar approved or rejected it.', format: 'date-time', nullable: true, type: String })
  decidedAt: string | null;

  @ApiProperty({ description: 'With `rejected`: why, in the registrar\'s words.', nullable: true, type: String })
  rejectionReason: string | null;

  @ApiProperty({ description: 'With `approved`: the registrar\'s optional note.', nullable: true, type: String })
  decisionNote: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  withdrawnAt: string | null;

  @ApiProperty({ description: 'With `approved`: the organization in formation created for it.', format: 'uuid', nullable: true, type: String })
  organizationId: string | null;
}

/** The applicant's own applications. */
export class RegistrationApplicationListResponseDto {
  @ApiProperty({ type: [RegistrationApplicationResponseDto], description: 'Newest first; contact details masked.' })
  applications: RegistrationApplicationResponseDto[];
}
