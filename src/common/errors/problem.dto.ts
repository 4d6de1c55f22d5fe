import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A rejected field in a VALIDATION_FAILED problem. */
export class FieldErrorDto {
  @ApiProperty({ description: 'Dotted path of the field.', example: 'loginName' })
  field: string;

  @ApiProperty({ description: 'Failed constraint.', example: 'isNotEmpty' })
  code: string;

  @ApiProperty({ description: 'What is wrong, in the caller\'s language.' })
  message: string;
}

/** RFC 9457 problem details (`application/problem+json`), as every error is answered. */
export class ProblemDocumentDto {
  @ApiProperty({ description: 'URI identifying the problem type.', example: 'https://orgbind.lnsj.gov.cn/problems/token-invalid' })
  type: string;

  @ApiProperty({ description: 'Short summary, in the caller\'s language (zh-CN default, en on Accept-Language: en).' })
  title: string;

  @ApiProperty({ description: 'HTTP status code.', example: 401 })
  status: number;

  @ApiProperty({ description: 'What happened and what to do, in the caller\'s language.' })
  detail: string;

  @ApiPropertyOptional({ description: 'The request path.' })
  instance?: string;

  @ApiProperty({ description: 'Stable UPPER_SNAKE error code; branch on this.', example: 'TOKEN_INVALID' })
  code: string;

  @ApiProperty({ description: 'Request id (also in the X-Request-Id response header and the logs).' })
  requestId: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'With VALIDATION_FAILED: one entry per rejected field.' })
  errors?: FieldErrorDto[];
}
