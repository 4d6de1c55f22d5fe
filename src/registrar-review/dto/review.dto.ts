import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus } from '../../registration-applications/domain/application-status';
import { NOTE_MAX_LENGTH, REJECTION_REASON_LENGTH } from '../../registration-applications/domain/application-input';
import { HasCodePointLength, IsPlainText } from '../../registration-applications/dto/application-validators';
import { RegistrationApplicationResponseDto } from '../../registration-applications/dto/registration-application-response.dto';
import { AUTHORITY_CODE_PATTERN } from '../../registry/domain/sample-authorities';

/** Query of `GET /v1/review/registration-applications`. */
export class ListReviewApplicationsQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES, description: 'Only this status (default: all).' })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional({ description: 'Only this one of your authorities (another authority\'s code simply matches nothing).', example: 'MZ-210311' })
  @IsOptional()
  @Matches(AUTHORITY_CODE_PATTERN)
  authorityCode?: string;

  @ApiPropertyOptional({ description: 'Submitted at or after this instant (inclusive). ISO 8601 date-time with offset, e.g. 2026-11-01T00:00:00+08:00 (a bare date means midnight UTC).', example: '2026-11-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  submittedFrom?: string;

  @ApiPropertyOptional({ description: 'Submitted before this instant (exclusive). ISO 8601 date-time with offset.', example: '2026-12-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  submittedTo?: string;

  @ApiPropertyOptional({ description: 'Proposed name contains this text (case-insensitive for Latin letters; `%` and `_` match themselves).', example: '志愿者' })
  @IsOptional()
  @IsString()
  @HasCodePointLength(1, 100)
  nameContains?: string;

  @ApiPropertyOptional({ description: 'true: only pending applications past the overdue limit (`ageDays > REVIEW_OVERDUE_DAYS`); false: only those not overdue.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Opaque cursor: `nextCursor` of the previous page. Pages are oldest first (submission time, then id).' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ description: 'Page size, 1-100 (default 20).', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** An application as a registrar sees it. */
export class ReviewApplicationResponseDto extends RegistrationApplicationResponseDto {
  @ApiProperty({ enum: ['natural_person', 'individual_business'], description: 'Platform user type of the applicant.' })
  applicantUserType: string;

  @ApiProperty({ description: 'Whole days waited: from submission to the decision or withdrawal, or to now while pending.', example: 3 })
  ageDays: number;

  @ApiProperty({ description: 'Pending and older than REVIEW_OVERDUE_DAYS (default 30) whole days.' })
  overdue: boolean;
}

/** A page of the review queue. */
export class ReviewApplicationPageDto {
  @ApiProperty({ type: [ReviewApplicationResponseDto], description: 'Oldest first; contact details masked (open one to see them).' })
  items: ReviewApplicationResponseDto[];

  @ApiProperty({ description: 'Pass as `cursor` for the next page; null on the last page.', nullable: true, type: String })
  nextCursor: string | null;

  @ApiProperty({ description: 'How many applications match the filters (all pages).' })
  total: number;

  @ApiProperty({ description: 'The overdue limit in force (REVIEW_OVERDUE_DAYS).', example: 30 })
  overdueDays: number;
}

/** `POST …/{id}/approve`. */
export class ApproveApplicationDto {
  @ApiPropertyOptional({ description: `Optional note, up to ${NOTE_MAX_LENGTH} characters (shown to the applicant).`, example: '请尽快办理成立登记手续。' })
  @IsOptional()
  @IsString()
  @HasCodePointLength(1, NOTE_MAX_LENGTH)
  @IsPlainText()
  note?: string;
}

/** `POST …/{id}/reject`. */
export class RejectApplicationDto {
  @ApiProperty({
    description: `Why, ${REJECTION_REASON_LENGTH.min}-${REJECTION_REASON_LENGTH.max} characters: shown to the applicant, who may apply again (resolution APPLICATION_REJECTED).`,
    example: '拟定名称与章程不一致，请核对后重新申请。',
  })
  @IsString()
  @HasCodePointLength(REJECTION_REASON_LENGTH.min, REJECTION_REASON_LENGTH.max)
  @IsPlainText()
  reason: string;
}

/** Count of applications in one age bucket. */
export class AgeBucketCountDto {
  @ApiProperty({ enum: ['0-7', '8-14', '15-30', '31-60', '61+'], description: 'Whole days waited (to the decision, or to now while pending).' })
  bucket: string;

  @ApiProperty({ example: 0 })
  minDays: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Inclusive; null for the last bucket.', example: 7 })
  maxDays: number | null;

  @ApiProperty()
  count: number;
}

/** Count of applications in one status. */
export class StatusCountDto {
  @ApiProperty({ enum: APPLICATION_STATUSES })
  status: string;

  @ApiProperty()
  count: number;

  @ApiProperty({ type: [AgeBucketCountDto], description: 'By age bucket; every bucket present.' })
  byAge: AgeBucketCountDto[];
}

/** Statistics of one authority. */
export class AuthorityStatisticsDto {
  @ApiProperty({ example: 'MZ-210311' })
  authorityCode: string;

  @ApiProperty({ example: '鞍山市千山区民政局' })
  authorityName: string;

  @ApiProperty()
  total: number;

  @ApiProperty({ type: [StatusCountDto], description: 'Every status present, in the order pending, approved, rejected, withdrawn.' })
  byStatus: StatusCountDto[];

  @ApiProperty({ description: 'Pending applications past the overdue limit.' })
  overdue: number;

  @ApiProperty({ description: 'Submission time of the oldest pending application.', format: 'date-time', nullable: true, type: String })
  oldestPendingSubmittedAt: string | null;
}

/** `GET /v1/review/statistics`. */
export class ReviewStatisticsResponseDto {
  @ApiProperty({ format: 'date-time', description: 'The time ages were computed at.' })
  generatedAt: string;

  @ApiProperty({ description: 'The overdue limit in force (REVIEW_OVERDUE_DAYS).', example: 30 })
  overdueDays: number;

  @ApiProperty({ type: [AuthorityStatisticsDto], description: 'One entry per authority you review for, by code.' })
  authorities: AuthorityStatisticsDto[];
}
