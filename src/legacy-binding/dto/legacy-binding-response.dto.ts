import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemDocumentDto } from '../../common/errors/problem.dto';
import { NameMismatchDto, ResolvedBindingDto, ResolvedOrganizationDto } from '../../identity-claims/dto/resolution-response.dto';

/** A successful legacy-account binding (201). `POST /v1/resolutions` answers BOUND from now on. */
export class LegacyBindingResponseDto {
  @ApiProperty({ enum: ['BOUND'], description: 'Always BOUND: the platform account now acts for the organization account.' })
  status: 'BOUND';

  @ApiProperty({ description: 'What to tell the user, in the caller\'s language (zh-CN default).' })
  message: string;

  @ApiProperty({ type: ResolvedOrganizationDto, description: 'The organization (in formation) the account is bound to.' })
  organization: ResolvedOrganizationDto;

  @ApiProperty({ type: ResolvedBindingDto, description: 'The binding, of kind `legacy_account`.' })
  binding: ResolvedBindingDto;
}

/** The problem document of a refused legacy binding, with the members each code adds. */
export class LegacyBindingProblemDto extends ProblemDocumentDto {
  @ApiPropertyOptional({ type: NameMismatchDto, description: 'ORGANIZATION_NAME_MISMATCH: the typed name vs the registered name, each difference explained (same shape as in resolutions).' })
  nameMismatch?: NameMismatchDto;

  @ApiPropertyOptional({ type: ResolvedOrganizationDto, description: 'ALREADY_BOUND: the organization this account is bound to. ORGANIZATION_DEREGISTERED, LEGAL_PERSON_ACCOUNT_REQUIRED, ORGANIZATION_NAME_MISMATCH: the organization of the legacy account.' })
  organization?: ResolvedOrganizationDto;

  @ApiPropertyOptional({ description: 'ACCOUNT_TEMPORARILY_LOCKED (and the INVALID_CREDENTIALS that starts a lock): when to retry (ISO 8601). Also sent as the `Retry-After` header, in seconds.', format: 'date-time' })
  retryAt?: string;

  @ApiPropertyOptional({ description: 'ACCOUNT_TEMPORARILY_LOCKED (and the INVALID_CREDENTIALS that starts a lock): seconds until `retryAt`, as in `Retry-After`.' })
  retryAfterSeconds?: number;

  @ApiPropertyOptional({ enum: ['legacy_login', 'platform_account'], isArray: true, description: 'ACCOUNT_TEMPORARILY_LOCKED: which counters are locked — the login name, the platform account, or both.' })
  lockedBy?: string[];

  @ApiPropertyOptional({ description: 'INVALID_CREDENTIALS: failed attempts left before a temporary lockout (0: the next failure locks again, or this one did).' })
  remainingAttempts?: number;
}
