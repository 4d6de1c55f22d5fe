import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIP, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ProblemDocumentDto } from '../../common/errors/problem.dto';
import { SESSION_END_REASONS } from '../domain/session-end-reasons';

/** Body of `POST /v1/sessions`: the login as the management system saw it. */
export class OpenSessionDto {
  @ApiPropertyOptional({
    description: 'The user\'s IP address as the management system saw it (IPv4 or IPv6). Stored and shown masked (`203.0.113.*`). Default: the address of the caller of this API (right only when the user\'s browser calls us directly).',
    example: '203.0.113.42',
  })
  @IsOptional()
  @IsIP()
  clientIp?: string;

  @ApiPropertyOptional({
    description: 'The user\'s browser User-Agent (at most 1024 characters). Only a short description (browser, major version, OS) is kept. Default: this request\'s User-Agent header.',
    example: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  userAgent?: string;

  @ApiPropertyOptional({
    description: 'The user confirmed the 图11 prompt: end the other active session of this organization account (reason `takeover`) and open this one, atomically. Default false. Refused under policy `deny_new`.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  takeover?: boolean;
}

/** Path of `/v1/sessions/{id}`. */
export class SessionIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

/** Another session, as shown to the user (no id: the prompt must not hand out a handle on it). */
export class SessionSummaryDto {
  @ApiProperty({ format: 'date-time' })
  startedAt: string;

  @ApiProperty({ format: 'date-time', description: 'Last recorded activity (recorded at most every `SESSION_ACTIVITY_WRITE_INTERVAL_SECONDS`).' })
  lastActivityAt: string;

  @ApiProperty({ type: String, nullable: true, description: 'Masked IP address, e.g. `203.0.113.*`.', example: '203.0.113.*' })
  clientIpMasked: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Short device description, e.g. `Chrome 126 · Windows 10/11`.', example: 'Chrome 126 · Windows 10/11' })
  device: string | null;
}

/** A session of an organization account. */
export class SessionResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    enum: ['active', 'ended', 'expired'],
    description: '`active`: the user may go on (activity recorded). `ended`: see `endReason`. `expired`: idle or absolute timeout. Anything but `active`: log the user out.',
  })
  status: 'active' | 'ended' | 'expired';

  @ApiProperty({ format: 'uuid', description: 'The organization account.' })
  organizationId: string;

  @ApiProperty({ format: 'uuid', description: 'The binding the session was opened through.' })
  bindingId: string;

  @ApiProperty({ format: 'date-time' })
  startedAt: string;

  @ApiProperty({ format: 'date-time' })
  lastActivityAt: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  endedAt: string | null;

  @ApiProperty({ enum: SESSION_END_REASONS, nullable: true, type: String, description: 'Why it ended.' })
  endReason: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'While active: when it expires without further activity (the earlier of the idle and absolute deadlines).' })
  expiresAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: '203.0.113.*' })
  clientIpMasked: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Chrome 126 · Windows 10/11' })
  device: string | null;

  @ApiPropertyOptional({ type: SessionSummaryDto, description: 'With `takeover` / `replaced_by_new_login`: the login that took over (to tell the user where).' })
  replacedBy?: SessionSummaryDto;
}

/** Answer of `POST /v1/sessions`. */
export class OpenSessionResponseDto extends SessionResponseDto {
  @ApiProperty({ type: SessionSummaryDto, nullable: true, description: 'The session this login ended (takeover or terminate_oldest), else null.' })
  replaced: SessionSummaryDto | null;
}

/** The other session, in a SESSION_ACTIVE_ELSEWHERE / SESSION_LIMIT_REACHED problem. */
export class ActiveSessionDto extends SessionSummaryDto {
  @ApiProperty({ format: 'date-time', description: 'When it expires without further activity.' })
  expiresAt: string;

  @ApiProperty({ description: 'Whether it was opened by the same platform account.' })
  sameAccount: boolean;
}

/** 409 problem when another session of the organization account is active (guide 图11). */
export class SessionConflictProblemDto extends ProblemDocumentDto {
  @ApiProperty({ type: ActiveSessionDto })
  activeSession: ActiveSessionDto;

  @ApiProperty({ description: 'true (SESSION_ACTIVE_ELSEWHERE): repeat with `takeover: true` after the user confirms. false (SESSION_LIMIT_REACHED): not possible.' })
  takeoverAllowed: boolean;

  @ApiProperty({ enum: ['prompt', 'deny_new', 'terminate_oldest'] })
  policy: string;
}

/** The resolution that prevents opening a session. */
export class BlockingResolutionDto {
  @ApiProperty({ description: 'The resolution status (see POST /v1/resolutions).', example: 'LEGAL_PERSON_ACCOUNT_REQUIRED' })
  status: string;

  @ApiProperty({ description: 'What the user should do, in the caller\'s language.' })
  message: string;
}

/** 403 problem when the platform account is not bound to an organization account in good standing. */
export class SessionForbiddenProblemDto extends ProblemDocumentDto {
  @ApiProperty({ type: BlockingResolutionDto })
  resolution: BlockingResolutionDto;
}
