import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from './error-codes';

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
  @ApiProperty({
    description:
      'URI identifying the problem type (RFC 9457 §3.1.1); dereferenced, it documents the problem: `GET /problems/{type}` on this service, ' +
      'an HTML page (zh-CN, English on Accept-Language: en) or, on Accept: application/json, a ProblemType. ' +
      'It is `PROBLEM_TYPE_BASE_URI` + the type when the operator sets one, else absolute against the URL the request reached ' +
      '(the public origin behind a trusted proxy), or the relative `/problems/{type}` when the request named no usable host. ' +
      'Its host therefore depends on the deployment: branch on `code`, never on `type`. The `x-problem-types` list of this document names every type.',
    format: 'uri-reference',
    example: 'https://orgbind.example.org/problems/token-invalid',
  })
  type: string;

  @ApiProperty({ description: 'Short summary, in the caller\'s language (zh-CN default, en on Accept-Language: en).' })
  title: string;

  @ApiProperty({ description: 'HTTP status code.', example: 401 })
  status: number;

  @ApiProperty({ description: 'What happened and what to do, in the caller\'s language.' })
  detail: string;

  @ApiPropertyOptional({ description: 'The request path.' })
  instance?: string;

  @ApiProperty({ description: 'Stable UPPER_SNAKE error code; branch on this (its page: GET /problems/{code in kebab-case}).', enum: Object.values(ErrorCode), enumName: 'ErrorCode', example: 'TOKEN_INVALID' })
  code: ErrorCode;

  @ApiProperty({ description: 'Request id (also in the X-Request-Id response header and the logs).' })
  requestId: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'With VALIDATION_FAILED: one entry per rejected field.' })
  errors?: FieldErrorDto[];
}
