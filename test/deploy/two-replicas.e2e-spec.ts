import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { DevPlatform } from '../../src/dev-platform/dev-platform';
import { createOrganization, fakeSubject } from '../support/factories';
import { Replica, startReplicaPlatform, startReplicas } from '../support/replica';

/**
 * Two service processes (the compiled service, production mode, as two pods would run it)
 * against one PostgreSQL and one platform. Nothing in the service may assume it is alone: the
 * rules hold because the database decides, whichever replica a request reaches.
 *
 * Rules checked here: one USCC, one legal-person account. (The legacy-binding lockout and the
 * single-session rule join this spec when their modules land: start their requests through
 * `replicas[i % 2]` the same way and check the database afterwards.)
 */
describe('several replicas against one database', () => {
  let platform: DevPlatform;
  let replicas: Replica[];
  let dataSource: DataSource;

  beforeAll(async () => {
    platform = await startReplicaPlatform();
    replicas = await startReplicas(platform, 2);
    dataSource = createDataSource(process.env.ORGBIND_E2E_DATABASE_URL!, 'orgbind-e2e-replicas');
    await dataSource.initialize();
  }, 180_000);

  afterAll(async () => {
    const exits = await Promise.all((replicas ?? []).map((r) => r.stop()));
    await dataSource?.destroy();
    await platform?.close();
    expect(exits).toEqual(exits.map(() => ({ code: 0, signal: null })));
  });

  /** Send the requests round-robin over the replicas, all at once. */
  function spread(tokens: string[]) {
    return Promise.all(tokens.map((token, i) => replicas[i % replicas.length].request('/v1/resolutions', { method: 'POST', token }).then((r) => ({ ...r, replica: i % replicas.length }))));
  }

  it('both replicas are ready and distinct processes', async () => {
    expect(new Set(replicas.map((r) => r.pid)).size).toBe(2);
    for (const replica of replicas) {
      const ready = await replica.request('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.details.lifecycle.phase).toBe('running');
    }
  });

  it('concurrent first logins of different accounts for one USCC, split over both replicas, create exactly one binding', async () => {
    const organization = await createOrganization(dataSource);
    const tokens = await Promise.all(
      Array.from({ length: 24 }, () => platform.mintToken({ sub: fakeSubject('replica-race'), userType: 'legal_person', uscc: organization.uscc!, name: organization.name })),
    );
    const responses = await spread(tokens);
    expect(responses.map((r) => r.status)).toEqual(Array(24).fill(200));
    const statuses = responses.map((r) => r.body.status);
    expect(statuses.filter((s) => s === 'BOUND')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'LEGAL_PERSON_ALREADY_BOUND')).toHaveLength(23);
    expect(new Set(responses.map((r) => r.replica))).toEqual(new Set([0, 1]));

    const rows = await dataSource.query(
      `SELECT count(*)::int AS active, count(DISTINCT subject)::int AS subjects FROM binding WHERE organization_id = $1 AND status = 'active'`,
      [organization.id],
    );
    expect(rows[0]).toEqual({ active: 1, subjects: 1 });
    const winner = responses.find((r) => r.body.status === 'BOUND')!;
    const [bound] = await dataSource.query(`SELECT id FROM binding WHERE organization_id = $1 AND status = 'active'`, [organization.id]);
    expect(winner.body.binding.id).toBe(bound.id);
  });

  it('one account logging in on both replicas at once gets one binding and BOUND everywhere', async () => {
    const organization = await createOrganization(dataSource);
    const token = await platform.mintToken({ sub: fakeSubject('replica-same'), userType: 'legal_person', uscc: organization.uscc!, name: organization.name });
    const responses = await spread(Array(12).fill(token));
    expect(responses.map((r) => r.body.status)).toEqual(Array(12).fill('BOUND'));
    expect(new Set(responses.map((r) => r.body.binding.id)).size).toBe(1);
    const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM binding WHERE organization_id = $1`, [organization.id]);
    expect(row.n).toBe(1);
  });

  it('many organizations raced at once over both replicas: one active legal-person binding each, nothing else', async () => {
    const organizations = await Promise.all(Array.from({ length: 6 }, () => createOrganization(dataSource)));
    const tokens = await Promise.all(
      organizations.flatMap((organization) =>
        Array.from({ length: 6 }, () => platform.mintToken({ sub: fakeSubject('replica-many'), userType: 'legal_person', uscc: organization.uscc!, name: organization.name })),
      ),
    );
    const responses = await spread(tokens);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(responses.filter((r) => r.body.status === 'BOUND')).toHaveLength(organizations.length);
    const rows = await dataSource.query(
      `SELECT organization_id, count(*)::int AS n FROM binding WHERE organization_id = ANY($1) GROUP BY organization_id`,
      [organizations.map((o) => o.id)],
    );
    expect(rows).toHaveLength(organizations.length);
    expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    const audited = await dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'binding.created' AND target_id = ANY($1::text[])`,
      [organizations.map((o) => o.id)],
    );
    expect(audited[0].n).toBe(organizations.length);
  });

  it('each replica counts what it served; the sums match what was asked of the pair', async () => {
    const before = await Promise.all(replicas.map((r) => r.metrics()));
    const organization = await createOrganization(dataSource);
    const tokens = await Promise.all(
      Array.from({ length: 10 }, () => platform.mintToken({ sub: fakeSubject('replica-metrics'), userType: 'legal_person', uscc: organization.uscc!, name: organization.name })),
    );
    await spread(tokens);
    const after = await Promise.all(replicas.map((r) => r.metrics()));
    const delta = (key: string) => after.reduce((sum, m, i) => sum + (m.get(key) ?? 0) - (before[i].get(key) ?? 0), 0);
    expect(delta('orgbind_resolutions_total{status="BOUND"}')).toBe(1);
    expect(delta('orgbind_resolutions_total{status="LEGAL_PERSON_ALREADY_BOUND"}')).toBe(9);
    expect(delta('orgbind_binding_attempts_total{kind="legal_person",outcome="bound"}')).toBe(1);
    expect(delta('orgbind_http_requests_total{method="POST",route="/v1/resolutions",status_code="200"}')).toBe(10);
    for (const [i, m] of after.entries()) {
      const served = (m.get('orgbind_http_requests_total{method="POST",route="/v1/resolutions",status_code="200"}') ?? 0)
        - (before[i].get('orgbind_http_requests_total{method="POST",route="/v1/resolutions",status_code="200"}') ?? 0);
      expect(served).toBe(5);
      expect(m.get('orgbind_db_pool_max_connections')).toBe(10);
    }
  });
});
