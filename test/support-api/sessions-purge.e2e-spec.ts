import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runPurgeTasks } from '../../src/audit/retention/purge-task';
import { PURGE_TASKS } from '../../src/audit/retention/purge-tasks';
import { loadConfig } from '../../src/config/app-config';
import { sessionsPurgeTask } from '../../src/sessions/sessions.purge-task';
import { createNaturalPersonBinding, createOrganization } from '../support/factories';
import { createScratchDatabase, ScratchDatabase } from '../support/scratch-database';

const DAY = 86_400_000;

/** `npm run audit:purge --task sessions`: ended sessions past SESSION_RETENTION_DAYS go, audited. */
describe('sessions retention purge', () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await createScratchDatabase('sessions-purge');
    // A scratch database has the schema only: the one division the organizations need.
    await db.dataSource.query(`INSERT INTO division (code, name, level, parent_code) VALUES ('210300', '鞍山市', 'prefecture', NULL)`);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const now = new Date();
  const context = (dataSource: DataSource, dryRun = false, batchSize = 2) => ({
    dataSource,
    now,
    actor: 'cli:test-operator',
    dryRun,
    config: loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://x@127.0.0.1/x', SESSION_RETENTION_DAYS: '30' }),
    batchSize,
    log: () => undefined,
  });

  async function session(dataSource: DataSource, organizationId: string, bindingId: string, values: { startedDaysAgo: number; endedDaysAgo: number | null; replacedBy?: string }): Promise<string> {
    const id = randomUUID();
    const started = new Date(now.getTime() - values.startedDaysAgo * DAY);
    const ended = values.endedDaysAgo === null ? null : new Date(now.getTime() - values.endedDaysAgo * DAY);
    await dataSource.query(
      `INSERT INTO session (id, organization_id, binding_id, issuer, subject, status, started_at, last_activity_at, ended_at, end_reason, replaced_by_session_id, client_ip_masked, device)
       VALUES ($1, $2, $3, 'https://idp', 'sub', $4, $5, $5, $6, $7, $8, '203.0.113.*', 'Chrome 126 · Windows 10/11')`,
      [id, organizationId, bindingId, ended ? 'ended' : 'active', started, ended, ended ? 'logout' : null, values.replacedBy ?? null],
    );
    return id;
  }

  it('is one of the purge tasks', () => {
    expect(PURGE_TASKS.map((t) => t.name)).toEqual(['audit-events', 'sessions']);
  });

  it('deletes only sessions ended before the cutoff, in audited batches; a dry run deletes nothing', async () => {
    const { dataSource } = db;
    const ids: Record<string, string> = {};
    for (let i = 0; i < 3; i++) {
      const organization = await createOrganization(dataSource, { status: 'in_formation' });
      const binding = await createNaturalPersonBinding(dataSource, organization.id, { issuer: 'https://idp' });
      if (i === 0) {
        ids.newer = await session(dataSource, organization.id, binding.id, { startedDaysAgo: 60, endedDaysAgo: 10 });
        // Old and replaced by a session still kept; old and replaced by another old one (the link goes first).
        ids.old = await session(dataSource, organization.id, binding.id, { startedDaysAgo: 90, endedDaysAgo: 89, replacedBy: ids.newer });
        ids.oldReplacing = await session(dataSource, organization.id, binding.id, { startedDaysAgo: 80, endedDaysAgo: 70 });
        ids.oldReplaced = await session(dataSource, organization.id, binding.id, { startedDaysAgo: 85, endedDaysAgo: 80, replacedBy: ids.oldReplacing });
      } else if (i === 1) {
        ids.activeOld = await session(dataSource, organization.id, binding.id, { startedDaysAgo: 100, endedDaysAgo: null });
      } else {
        ids.old2 = await session(dataSource, organization.id, binding.id, { startedDaysAgo: 40, endedDaysAgo: 31 });
      }
    }

    const [dry] = await runPurgeTasks([sessionsPurgeTask], context(dataSource, true));
    expect(dry).toMatchObject({ task: 'sessions', dryRun: true, retentionDays: 30, deleted: 4 });
    expect((await dataSource.query('SELECT count(*)::int AS n FROM session'))[0].n).toBe(6);

    const [report] = await runPurgeTasks([sessionsPurgeTask], context(dataSource));
    expect(report).toMatchObject({ task: 'sessions', dryRun: false, deleted: 4, cutoff: new Date(now.getTime() - 30 * DAY).toISOString() });
    const left: { id: string }[] = await dataSource.query('SELECT id FROM session ORDER BY id');
    expect(left.map((r) => r.id).sort()).toEqual([ids.newer, ids.activeOld].sort());
    const audits: { actor_kind: string; actor: string; details: { deletedSessions: number } }[] = await dataSource.query(
      `SELECT actor_kind, actor, details FROM audit_event WHERE action = 'sessions.purged' ORDER BY id`,
    );
    expect(audits.map((a) => a.details.deletedSessions)).toEqual([2, 2]);
    expect(audits[0]).toMatchObject({ actor_kind: 'operator', actor: 'cli:test-operator' });

    // Nothing left to purge: the run still leaves a trace.
    const [again] = await runPurgeTasks([sessionsPurgeTask], context(dataSource));
    expect(again.deleted).toBe(0);
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'sessions.purged'`))[0].n).toBe(3);
  });
});
