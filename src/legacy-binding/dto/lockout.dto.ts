import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { LOCKOUT_KINDS, LockoutKind } from '../domain/lockout';

/** Path of one lockout counter. */
export class LockoutParamsDto {
  @ApiProperty({ enum: LOCKOUT_KINDS, description: '`legacy_login`: a legacy login name; `platform_account`: a platform account.' })
  @IsIn(LOCKOUT_KINDS)
  kind: LockoutKind;

  @ApiProperty({
    description:
      '`legacy_login`: the login name (matched ignoring case and width, as at binding); `platform_account`: ' +
      '`issuer|subject` of the platform account, URL-encoded. At most 1100 characters.',
    example: 'qs-taiji',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1100)
  key: string;
}

/** Why a counter is cleared (recorded in the audit trail). */
export class ClearLockoutQueryDto {
  @ApiProperty({ description: 'Why the counter is cleared, e.g. the ticket or the caller\'s request (audited). 1-500 characters.', example: '申请人电话核实身份后解锁（工单 2026-1129-07）' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

/** A lockout counter. */
export class LockoutResponseDto {
  @ApiProperty({ enum: LOCKOUT_KINDS })
  kind: LockoutKind;

  @ApiProperty({ description: 'The counter\'s key (login-name key, or `issuer|subject`).' })
  key: string;

  @ApiProperty({ description: 'Consecutive failures (forgotten after LOCKOUT_FAILURE_RESET_SECONDS without one).' })
  failures: number;

  @ApiProperty({ format: 'date-time' })
  lastFailureAt: string;

  @ApiProperty({ description: 'Attempts refused until then (ISO 8601); null when never locked since the last reset.', format: 'date-time', nullable: true, type: String })
  lockedUntil: string | null;

  @ApiProperty({ description: 'Whether the counter locks attempts at this instant.' })
  locked: boolean;
}
