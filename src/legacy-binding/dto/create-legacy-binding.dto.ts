import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsPlainText } from '../../registration-applications/dto/application-validators';

/** The three fields of guide 图9 option 一: organization name, legacy login name, legacy password. */
export class CreateLegacyBindingDto {
  @ApiProperty({
    description:
      'The organization name exactly as the registration authority assigned it (一字不差; guide 图9 option 一). ' +
      'Compared with the registered name only after the credentials are verified; a difference is answered ' +
      'ORGANIZATION_NAME_MISMATCH with each differing position explained. At most 200 characters; control characters ' +
      '(NUL, escape, …) are refused as VALIDATION_FAILED (isPlainText).',
    example: '鞍山市千山区太极拳运动协会',
    maxLength: 200,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainText()
  organizationName: string;

  @ApiProperty({
    description:
      'Login name in the old management system, as issued by the registration authority. Matched ignoring case, ' +
      'full/half width and surrounding spaces. An unknown login name is answered like a wrong password ' +
      '(INVALID_CREDENTIALS). At most 100 characters; control characters are refused as VALIDATION_FAILED (isPlainText).',
    example: 'qs-taiji',
    maxLength: 100,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  loginName: string;

  @ApiProperty({
    description: 'Password in the old management system (never stored or logged). At most 128 characters.',
    example: 'Taiji@2019',
    maxLength: 128,
    format: 'password',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;
}
