import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ApplicationWithAuthority } from '../registration-applications/application.presenter';
import { ApplicationStatus } from '../registration-applications/domain/application-status';
import { RegistrationApplicationEntity } from '../registration-applications/registration-application.entity';
import { withAuthority } from '../registration-applications/registration-applications.repository';
import { ReviewCursor } from './domain/review-cursor';

/** Filters of the review queue. `authorityCodes` is the registrar's scope and always applies. */
export interface ReviewFilter {
  readonly authorityCodes: readonly string[];
  readonly status?: ApplicationStatus;
  readonly submittedFrom?: Date;
  readonly submittedTo?: Date;
  readonly nameContains?: string;
  /** true: pending and submitted at or before this instant; false: the others. */
  readonly overdue?: { readonly value: boolean; readonly submittedAtOrBefore: Date };
}

/** One row of the age statistics: how many applications of an authority in a status waited `ageDays`. */
export interface AgeCountRow {
  readonly authorityCode: string;
  readonly status: ApplicationStatus;
  readonly ageDays: number;
  readonly count: number;
}

/**
 * Registration applications as registrars see them: every query is scoped to the registrar's
 * authorities, so another authority's application is simply not found.
 */
@Injectable()
export class ReviewRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One application of these authorities, with its authority. */
  async findInAuthorities(id: string, authorityCodes: readonly string[]): Promise<ApplicationWithAuthority | null> {
    const application = await this.scoped(this.dataSource.manager, authorityCodes)
      .innerJoinAndSelect('a.authority', 'authority')
      .andWhere('a.id = :id', { id })
      .getOne();
    return application ? withAuthority(application) : null;
  }

  /** Lock one application of these authorities for a decision (`SELECT … FOR UPDATE`). */
  lockInAuthorities(manager: EntityManager, id: string, authorityCodes: readonly string[]): Promise<RegistrationApplicationEntity | null> {
    return this.scoped(manager, authorityCodes).andWhere('a.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /**
   * A page of the queue, oldest first (submission time, then id), after `cursor`; fetches one
   * more row than `limit` so the caller knows whether another page follows.
   */
  async page(filter: ReviewFilter, cursor: ReviewCursor | null, limit: number): Promise<{ rows: ApplicationWithAuthority[]; cursors: ReviewCursor[] }> {
    const query = this.filtered(filter)
      .innerJoinAndSelect('a.authority', 'authority')
      .addSelect(`to_char(a.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at')
      .orderBy('a.submitted_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit + 1);
    if (cursor) query.andWhere('(a.submitted_at, a.id) > (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))', { cursorAt: cursor.submittedAt, cursorId: cursor.id });
    const { entities, raw } = await query.getRawAndEntities<{ cursor_at: string; a_id: string }>();
    const atById = new Map(raw.map((r) => [r.a_id, r.cursor_at]));
    return {
      rows: entities.map(withAuthority),
      cursors: entities.map((e) => ({ submittedAt: atById.get(e.id) ?? '', id: e.id })),
    };
  }

  /** How many applications match the filters (all pages). */
  count(filter: ReviewFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  /** Application counts per authority, status and whole days waited (until the decision, withdrawal or `now`). */
  async ageCounts(authorityCodes: readonly string[], now: Date): Promise<AgeCountRow[]> {
    const rows: { authority_code: string; status: ApplicationStatus; age_days: number; count: number }[] = await this.dataSource.query(
      `SELECT authority_code, status,
              GREATEST(0, floor(extract(epoch FROM (coalesce(decided_at, withdrawn_at, $2::timestamptz) - submitted_at)) / 86400))::int AS age_days,
              count(*)::int AS count
         FROM registration_application
        WHERE authority_code = ANY($1::text[])
        GROUP BY 1, 2, 3`,
      [authorityCodes, now.toISOString()],
    );
    return rows.map((r) => ({ authorityCode: r.authority_code, status: r.status, ageDays: r.age_days, count: r.count }));
  }

  /** Submission time of the oldest pending application, per authority. */
  async oldestPending(authorityCodes: readonly string[]): Promise<Map<string, Date>> {
    const rows: { authority_code: string; oldest: Date }[] = await this.dataSource.query(
      `SELECT authority_code, min(submitted_at) AS oldest
         FROM registration_application
        WHERE authority_code = ANY($1::text[]) AND status = 'pending'
        GROUP BY 1`,
      [authorityCodes],
    );
    return new Map(rows.map((r) => [r.authority_code, new Date(r.oldest)]));
  }

  /**
   * Applications of these authorities. One authority (most registrars) is an equality, so that
   * `ix_registration_application_review_queue` (authority, status, submitted_at, id) also gives the
   * queue's order and a keyset page reads only its rows; with `= ANY(array)` PostgreSQL sorts every
   * row after the cursor for each page (measured by `npm run bench`, the review-list bench).
   */
  private scoped(manager: EntityManager, authorityCodes: readonly string[]): SelectQueryBuilder<RegistrationApplicationEntity> {
    const query = manager.createQueryBuilder(RegistrationApplicationEntity, 'a');
    return authorityCodes.length === 1
      ? query.where('a.authority_code = :authorityCode', { authorityCode: authorityCodes[0] })
      : query.where('a.authority_code = ANY(:authorityCodes)', { authorityCodes: [...authorityCodes] });
  }

  private filtered(filter: ReviewFilter): SelectQueryBuilder<RegistrationApplicationEntity> {
    const query = this.scoped(this.dataSource.manager, filter.authorityCodes);
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.submittedFrom) query.andWhere('a.submitted_at >= :submittedFrom', { submittedFrom: filter.submittedFrom });
    if (filter.submittedTo) query.andWhere('a.submitted_at < :submittedTo', { submittedTo: filter.submittedTo });
    if (filter.nameContains) {
      query.andWhere(`a.proposed_name ILIKE :namePattern ESCAPE '\\'`, { namePattern: `%${escapeLike(filter.nameContains)}%` });
    }
    if (filter.overdue) {
      const { value, submittedAtOrBefore } = filter.overdue;
      if (value) query.andWhere(`a.status = 'pending' AND a.submitted_at <= :overdueAt`, { overdueAt: submittedAtOrBefore });
      else query.andWhere(new Brackets((q) => q.where(`a.status <> 'pending'`).orWhere('a.submitted_at > :overdueAt', { overdueAt: submittedAtOrBefore })));
    }
    return query;
  }
}

/** Escape `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
