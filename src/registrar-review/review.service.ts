import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { RequestValidationError } from '../common/errors/validation';
import { Language } from '../common/http/language';
import { RequestMeta } from '../common/http/request-meta';
import { Clock, InjectClock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { APPLICATION_AGGREGATE } from '../registration-applications/application-events';
import { PersonalDataProtector } from '../personal-data/personal-data-protector';
import { ApplicationWithAuthority, presentApplication } from '../registration-applications/application.presenter';
import { APPLICATION_STATUSES } from '../registration-applications/domain/application-status';
import { AuthoritiesRepository } from '../registry/authorities.repository';
import { AGE_BUCKETS, ageBucket, overdueSubmittedBefore, reviewAge } from './domain/review-age';
import { decodeReviewCursor, encodeReviewCursor } from './domain/review-cursor';
import {
  ListReviewApplicationsQueryDto, ReviewApplicationPageDto, ReviewApplicationResponseDto, ReviewStatisticsResponseDto, StatusCountDto,
} from './dto/review.dto';
import { registrarKey, RegistrarPrincipal } from './registrar-principal';
import { ReviewRepository } from './review.repository';

/**
 * What a registrar sees (初审, guide 注5: 基础信息 → 业务管理 → 注册用户审核): the queue of its
 * authorities' applications, one application in full, and the statistics. Everything is scoped
 * to the registrar's authorities from the roster.
 */
@Injectable()
export class ReviewService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly review: ReviewRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly audit: AuditService,
    @InjectClock() private readonly clock: Clock,
    private readonly protector: PersonalDataProtector,
  ) {}

  /** A page of the queue, oldest first. Contact details masked. */
  async list(registrar: RegistrarPrincipal, query: ListReviewApplicationsQueryDto, language: Language): Promise<ReviewApplicationPageDto> {
    const cursor = query.cursor === undefined ? null : decodeReviewCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) {
      throw new RequestValidationError([{ field: 'cursor', constraint: 'matches', detail: 'cursor must be a nextCursor returned by this list' }]);
    }
    const now = this.clock.now();
    const overdueDays = this.config.review.overdueDays;
    const filter = {
      authorityCodes: registrar.authorityCodes,
      status: query.status,
      submittedFrom: query.submittedFrom ? new Date(query.submittedFrom) : undefined,
      submittedTo: query.submittedTo ? new Date(query.submittedTo) : undefined,
      nameContains: query.nameContains,
      overdue: query.overdue === undefined ? undefined : { value: query.overdue, submittedAtOrBefore: overdueSubmittedBefore(now, overdueDays) },
    };
    if (query.authorityCode) filter.authorityCodes = registrar.authorityCodes.filter((c) => c === query.authorityCode);
    if (filter.authorityCodes.length === 0) return { items: [], nextCursor: null, total: 0, overdueDays };
    const limit = query.limit ?? 20;
    const [{ rows, cursors }, total] = await Promise.all([this.review.page(filter, cursor, limit), this.review.count(filter)]);
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => this.present(row, 'masked', language, now)),
      nextCursor: rows.length > limit ? encodeReviewCursor(cursors[limit - 1]) : null,
      total,
      overdueDays,
    };
  }

  /** One application of the registrar's authorities, contact details in clear (the view is audited). */
  async get(registrar: RegistrarPrincipal, id: string, meta: RequestMeta): Promise<ReviewApplicationResponseDto> {
    const found = await this.review.findInAuthorities(id, registrar.authorityCodes);
    await this.audit.record({
      actorKind: 'registrar',
      actor: registrarKey(registrar),
      action: 'registration_application.viewed',
      targetType: APPLICATION_AGGREGATE,
      targetId: id,
      outcome: found ? 'success' : 'failure',
      reason: found ? null : ErrorCode.NOT_FOUND,
      requestId: meta.requestId,
      clientIp: meta.clientIp,
      details: found ? { authorityCode: found.application.authorityCode, status: found.application.status } : {},
    });
    if (!found) throw new DomainError(ErrorCode.NOT_FOUND);
    return this.present(found, 'clear', meta.language, this.clock.now());
  }

  /** The application just decided by the registrar (contact details in clear, as in the detail it decided from). */
  async afterDecision(registrar: RegistrarPrincipal, id: string, language: Language): Promise<ReviewApplicationResponseDto> {
    const found = await this.review.findInAuthorities(id, registrar.authorityCodes);
    if (!found) throw new DomainError(ErrorCode.NOT_FOUND);
    return this.present(found, 'clear', language, this.clock.now());
  }

  /** An application as the registrar sees it, with its age. */
  present(row: ApplicationWithAuthority, contact: 'clear' | 'masked', language: Language, now: Date): ReviewApplicationResponseDto {
    const { ageDays, overdue } = reviewAge(row.application, now, this.config.review.overdueDays);
    return { ...presentApplication(row, { contact, language, protector: this.protector }), applicantUserType: row.application.applicantUserType, ageDays, overdue };
  }

  /** Counts by status and age bucket, overdue count and oldest pending, per authority of the registrar. */
  async statistics(registrar: RegistrarPrincipal): Promise<ReviewStatisticsResponseDto> {
    const now = this.clock.now();
    const overdueDays = this.config.review.overdueDays;
    const codes = registrar.authorityCodes;
    const [authorities, counts, oldest] = await Promise.all([
      this.authorities.findByCodes(codes),
      this.review.ageCounts(codes, now),
      this.review.oldestPending(codes),
    ]);
    return {
      generatedAt: now.toISOString(),
      overdueDays,
      authorities: [...codes].sort().map((code) => {
        const mine = counts.filter((c) => c.authorityCode === code);
        const byStatus: StatusCountDto[] = APPLICATION_STATUSES.map((status) => {
          const ofStatus = mine.filter((c) => c.status === status);
          return {
            status,
            count: ofStatus.reduce((sum, c) => sum + c.count, 0),
            byAge: AGE_BUCKETS.map((bucket) => ({
              bucket: bucket.label,
              minDays: bucket.minDays,
              maxDays: bucket.maxDays,
              count: ofStatus.filter((c) => ageBucket(c.ageDays) === bucket).reduce((sum, c) => sum + c.count, 0),
            })),
          };
        });
        return {
          authorityCode: code,
          authorityName: authorities.get(code)?.name ?? code,
          total: mine.reduce((sum, c) => sum + c.count, 0),
          byStatus,
          overdue: mine.filter((c) => c.status === 'pending' && c.ageDays > overdueDays).reduce((sum, c) => sum + c.count, 0),
          oldestPendingSubmittedAt: oldest.get(code)?.toISOString() ?? null,
        };
      }),
    };
  }
}
