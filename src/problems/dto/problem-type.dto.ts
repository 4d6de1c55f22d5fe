import { ApiProperty } from '@nestjs/swagger';
import { ErrorCode } from '../../common/errors/error-codes';

/** A named extension member or response header of a problem type. */
export class ProblemTypeFieldDto {
  @ApiProperty({ description: 'Member name (camelCase) or header name.', example: 'retryAfterSeconds' })
  name: string;

  @ApiProperty({ description: 'What it holds, in the caller\'s language (zh-CN default, en on Accept-Language: en).' })
  description: string;
}

/**
 * The documentation of one problem type (RFC 9457 §3.1.1), as `GET /problems/{type}` answers it
 * with `Accept: application/json`; read from the service's error catalog.
 */
export class ProblemTypeDto {
  @ApiProperty({ description: 'Stable UPPER_SNAKE error code, the `code` of the problem documents of this type; branch on it.', enum: Object.values(ErrorCode), enumName: 'ErrorCode', example: 'TOKEN_INVALID' })
  code: ErrorCode;

  @ApiProperty({ description: 'Kebab-case name of the type: the last path segment of its `type` URI.', example: 'token-invalid' })
  name: string;

  @ApiProperty({ description: 'The `type` URI the problem documents of this type carry (as this request would get it).', format: 'uri-reference', example: 'https://orgbind.example.org/problems/token-invalid' })
  type: string;

  @ApiProperty({ description: 'HTTP status code of the answer.', example: 401 })
  status: number;

  @ApiProperty({ description: 'The `title`, in the caller\'s language.', example: '身份令牌无效' })
  title: string;

  @ApiProperty({ description: 'When the service answers with this problem, in the caller\'s language.' })
  when: string;

  @ApiProperty({ description: 'What the caller (or the user through it) can do, in the caller\'s language.' })
  action: string;

  @ApiProperty({ type: [ProblemTypeFieldDto], description: 'Extension members the problem document carries besides type, title, status, detail, instance, code and requestId (empty when none).' })
  extensions: ProblemTypeFieldDto[];

  @ApiProperty({ type: [ProblemTypeFieldDto], description: 'Response headers that come with the problem, e.g. Retry-After (empty when none).' })
  headers: ProblemTypeFieldDto[];
}

/** Every problem type the service answers with, in catalog order. */
export class ProblemTypeListDto {
  @ApiProperty({ type: [ProblemTypeDto], description: 'One entry per error code.' })
  problemTypes: ProblemTypeDto[];
}
