import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ORGANIZATION_TYPES, OrganizationType } from '../../registry/entities/organization.entity';
import { AUTHORITY_CODE_PATTERN } from '../../registry/domain/sample-authorities';
import { CONTACT_NAME_LENGTH, NOTE_MAX_LENGTH, PROPOSED_NAME_LENGTH } from '../domain/application-input';
import { HasCodePointLength, IsChinesePersonName, IsMainlandMobile, IsPlainText } from './application-validators';

/** `POST /v1/registration-applications`: the form of guide 图10. */
export class CreateRegistrationApplicationDto {
  @ApiProperty({
    description: '登记机关所属地: GB/T 2260 code of the registration authority\'s division (e.g. 210311 for 鞍山市千山区). The authority must be in it ' +
      '(else 422 AUTHORITY_NOT_IN_DIVISION: guide 图10 注1, a wrong division means the authority never receives the application); unknown: 422 DIVISION_NOT_FOUND.',
    example: '210311',
  })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'divisionCode must be a six-digit GB/T 2260 code' })
  divisionCode: string;

  @ApiProperty({ description: '所属登记管理机关: code from `GET /v1/registration-authorities`. Unknown or inactive: 422 AUTHORITY_NOT_FOUND.', example: 'MZ-210311' })
  @IsString()
  @Matches(AUTHORITY_CODE_PATTERN, { message: 'authorityCode must be an authority code such as MZ-210311' })
  authorityCode: string;

  @ApiProperty({
    description:
      `Proposed organization name, stored exactly as typed (guide 图10 注2: 多字少字错字都不可以), ${PROPOSED_NAME_LENGTH.min}-${PROPOSED_NAME_LENGTH.max} characters. ` +
      'Control, zero-width and other invisible characters: 422 NAME_INVALID_CHARACTERS with their positions. Suspicious but allowed characters ' +
      '(half-width brackets or punctuation, spaces) come back as `nameWarnings`. Used by a registered organization or a pending application: 409 NAME_TAKEN.',
    example: '鞍山市千山区青年志愿者协会',
  })
  @IsString()
  @HasCodePointLength(PROPOSED_NAME_LENGTH.min, PROPOSED_NAME_LENGTH.max)
  proposedName: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES, description: '社会团体 social_group, 民办非企业单位/社会服务机构 private_non_enterprise, 基金会 foundation.' })
  @IsIn(ORGANIZATION_TYPES)
  organizationType: OrganizationType;

  @ApiProperty({
    description: `联系人: the contact person's name, ${CONTACT_NAME_LENGTH.min}-${CONTACT_NAME_LENGTH.max} Han characters, parts of a minority name joined by "·". Personal data: shown masked except to the reviewing registrar.`,
    example: '张晓明',
  })
  @IsString()
  @IsChinesePersonName()
  contactName: string;

  @ApiProperty({ description: '联系电话: mainland mobile number, 11 digits `1[3-9]xxxxxxxxx`, no spaces or +86. Personal data: shown masked except to the reviewing registrar.', example: '13800000000' })
  @IsString()
  @IsMainlandMobile()
  contactMobile: string;

  @ApiPropertyOptional({ description: `Note to the registrar, up to ${NOTE_MAX_LENGTH} characters; line breaks allowed, no other control characters.`, example: '已于 2026 年 10 月到区民政局咨询。' })
  @IsOptional()
  @IsString()
  @HasCodePointLength(1, NOTE_MAX_LENGTH)
  @IsPlainText()
  note?: string;
}

