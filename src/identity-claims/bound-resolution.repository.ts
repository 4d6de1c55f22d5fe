import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';
import { AccountBindingFacts } from './domain/resolution';
import { ReturningLogin } from './domain/bound-login';
import {
  BOUND_RESOLUTION_QUERY, BoundResolutionAudit, boundResolutionFacts, BoundResolutionRow, boundResolutionValues,
} from './bound-resolution.query';

/** What the one-statement read of a returning user found. */
export interface BoundResolutionRead {
  /** The platform account's active binding, or null when it has none. */
  readonly binding: AccountBindingFacts | null;
  /** True when the login was an unchanged bound login and its BOUND audit event is recorded. */
  readonly audited: boolean;
}

/**
 * Runs {@link BOUND_RESOLUTION_QUERY} as a named prepared statement straight on the pg pool
 * behind TypeORM's DataSource (same connections, same statement timeout): no query builder,
 * no entity hydration on the login hot path. Timed, pool wait included
 * (`orgbind_resolution_query_duration_seconds`).
 */
@Injectable()
export class BoundResolutionRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  /** Read the account's active binding and, for an unchanged bound login, record the BOUND audit event (one round trip). */
  async readAndAuditUnchanged(account: { issuer: string; subject: string }, login: ReturningLogin, audit: BoundResolutionAudit): Promise<BoundResolutionRead> {
    const query = { name: BOUND_RESOLUTION_QUERY.name, text: BOUND_RESOLUTION_QUERY.text, values: boundResolutionValues(account, login, audit) };
    const started = performance.now();
    let result;
    try {
      result = await this.pool.query<BoundResolutionRow>(query);
    } finally {
      this.metrics.observeResolutionQuery((performance.now() - started) / 1000);
    }
    const row = result.rows[0];
    return row ? { binding: boundResolutionFacts(row), audited: row.audited } : { binding: null, audited: false };
  }
}
