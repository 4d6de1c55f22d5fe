import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** Query of `GET /v1/registration-authorities`. */
export class ListRegistrationAuthoritiesQueryDto {
  @ApiPropertyOptional({ description: 'Only the authorities of this division (登记机关所属地, GB/T 2260, six digits), as the form of guide 图10 asks.', example: '210311' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'divisionCode must be a six-digit GB/T 2260 code' })
  divisionCode?: string;
}

/** A registration authority that accepts applications. */
export class RegistrationAuthorityResponseDto {
  @ApiProperty({ description: 'Authority code; send it as `authorityCode` of an application.', example: 'MZ-210311' })
  code: string;

  @ApiProperty({ example: '鞍山市千山区民政局' })
  name: string;

  @ApiProperty({ description: 'GB/T 2260 code of its division (登记机关所属地).', example: '210311' })
  divisionCode: string;

  @ApiProperty({ description: 'Division name with its parents, as a user would pick it.', example: '辽宁省鞍山市千山区' })
  divisionName: string;

  @ApiProperty({ enum: ['province', 'city', 'county'] })
  level: string;
}

/** Authorities accepting applications. */
export class RegistrationAuthorityListResponseDto {
  @ApiProperty({ type: [RegistrationAuthorityResponseDto] })
  authorities: RegistrationAuthorityResponseDto[];
}
