import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const AUTHORITY_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

/** `POST /v1/registrars`: put a platform account on the roster for one or more authorities. */
export class CreateRegistrarDto {
  @ApiProperty({ description: 'Platform issuer (`iss`) of the registrar\'s account.', example: 'https://platform.example.gov.cn' })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  issuer: string;

  @ApiProperty({ description: 'Platform subject (`sub`) of the registrar\'s account.', example: 'a7f3c2e0-registrar' })
  @IsString()
  @Matches(/^[\x21-\x7e]{1,255}$/, { message: 'subject must be 1-255 printable ASCII characters without spaces' })
  subject: string;

  @ApiProperty({ description: 'Registration authority codes to review for (added to those the registrar already has). Unknown codes: 422 AUTHORITY_NOT_FOUND.', example: ['MZ-210311'], type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Matches(AUTHORITY_CODE, { each: true })
  authorityCodes: string[];
}

/** Query of `GET /v1/registrars`. */
export class ListRegistrarsQueryDto {
  @ApiPropertyOptional({ description: 'Only registrars of this authority.', example: 'MZ-210311' })
  @IsOptional()
  @Matches(AUTHORITY_CODE)
  authorityCode?: string;
}

/** An authority on a registrar's roster entry. */
export class RegistrarAuthorityDto {
  @ApiProperty({ example: 'MZ-210311' })
  code: string;

  @ApiProperty({ example: '鞍山市千山区民政局' })
  name: string;

  @ApiProperty({ description: 'GB/T 2260 division of the authority.', example: '210311' })
  divisionCode: string;

  @ApiProperty({ description: 'Whether the authority accepts applications.' })
  active: boolean;

  @ApiProperty({ description: 'Since when the registrar reviews for it.', format: 'date-time' })
  since: string;
}

/** A registrar on the roster. */
export class RegistrarResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  issuer: string;

  @ApiProperty()
  subject: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: [RegistrarAuthorityDto] })
  authorities: RegistrarAuthorityDto[];
}

/** The roster. */
export class RegistrarListResponseDto {
  @ApiProperty({ type: [RegistrarResponseDto] })
  registrars: RegistrarResponseDto[];
}
