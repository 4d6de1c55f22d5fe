import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DevPlatform } from '../../src/dev-platform/dev-platform';
import { syncReferenceData } from '../../src/registry/reference-data';
import { applicationBody, createAuthority, createLegacyAccount, createOrganization, fakeOrganizationName, fakeResidentId, fakeSubject, fakeUscc } from '../support/factories';
import { BUILD_DIR, buildService, Replica, startReplica, startReplicaPlatform } from '../support/replica';
import { createScratchDatabase, ScratchDatabase } from '../support/scratch-database';
import { brokenInvariants } from './support/invariants';
import { tallied } from './support/tally';
import { TcpProxy } from './support/tcp-proxy';

/**
 * Database faults under load, on a private database: the service (a separate process, as in
 * production) reaches PostgreSQL through a TCP proxy this spec controls.
 *  - the database "stops" (every connection reset, new ones refused): requests fail fast with
 *    503 problem+json SERVICE_UNAVAILABLE and Retry-After, /health/ready turns 503, no request
 *    takes longer than the handler timeout; when the database is back the service recovers by
 *    itself; afterwards the invariant queries find no half-written state;
 *  - every connection is killed on the server (pg_terminate_backend) during load: same;
 *  - an import is SIGKILLed half-way: rerunning it converges to the same result, no duplicates.
 */

const HANDLER_TIMEOUT_MS = 10_000;
/** How late after the handler timeout its 503 may reach the client on a loaded machine. */
const HANDLER_TIMEOUT_ANSWER_MARGIN_MS = 1500;
/** The service's statement timeout (DATABASE_STATEMENT_TIMEOUT_MS) in these runs. */
const DATABASE_QUERY_TIMEOUT_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome {
  readonly op: string;
  readonly phase: string;
  readonly status: number;
  readonly ms: number;
  readonly code?: string;
  readonly problemJson: boolean;
  readonly retryAfter: string | null;
}

describe('database faults', () => {
  let scratch: ScratchDatabase;
  let platform: DevPlatform;
  let proxy: TcpProxy;
  let replica: Replica;
  let authorityCode: string;
  let authorityDivision: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase('dbfaults');
    await syncReferenceData(scratch.dataSource);
    const target = new URL(scratch.url);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(scratch.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    platform = await startReplicaPlatform();
    replica = await startReplica(platform, {
      name: 'dbfaults',
      env: { DATABASE_URL: viaProxy.toString(), DATABASE_POOL_SIZE: '8', DATABASE_STATEMENT_TIMEOUT_MS: String(DATABASE_QUERY_TIMEOUT_MS), HTTP_HANDLER_TIMEOUT_MS: String(HANDLER_TIMEOUT_MS), LIFECYCLE_SWEEP_INTERVAL_SECONDS: '0', AUDIT_SEAL_INTERVAL_MS: '200' },
    });
    const authority = await createAuthority(scratch.dataSource);
    authorityCode = authority.code;
    authorityDivision = authority.divisionCode;
  }, 240_000);

  afterAll(async () => {
    // DBFAULTS_DUMP=FILE keeps the service's log (its errors name what failed) for a failing run.
    if (process.env.DBFAULTS_DUMP) writeFileSync(process.env.DBFAULTS_DUMP, replica?.output() ?? '');
    await replica?.stop();
    await proxy?.close();
    await platform?.close();
    await scratch?.drop();
  });

  /** Work for the load: each call takes the next piece of arranged data and writes through the service. */
  async function arrangeWork(count: number) {
    const established = await Promise.all(Array.from({ length: count }, () => createOrganization(scratch.dataSource)));
    const inFormation = await Promise.all(
      Array.from({ length: count }, async () => {
        const organization = await createOrganization(scratch.dataSource, { status: 'in_formation', uscc: null });
        return { organization, ...(await createLegacyAccount(scratch.dataSource, { organizationId: organization.id })) };
      }),
    );
    const legalTokens = await Promise.all(established.map((o) => platform.mintToken({ sub: fakeSubject('fault-legal'), userType: 'legal_person', name: o.name, uscc: o.uscc!, verificationLevel: 'none' })));
    const naturalTokens = await Promise.all(Array.from({ length: count * 2 }, () => platform.mintToken({ sub: fakeSubject('fault-natural'), userType: 'natural_person', name: '张测试', residentId: fakeResidentId() })));
    let i = 0;
    const ops: Array<() => Promise<{ op: string; response: Response }>> = [
      async () => {
        const token = legalTokens[i % legalTokens.length];
        return { op: 'resolution', response: await fetch(`${replica.url}/v1/resolutions`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }) };
      },
      async () => {
        const legacy = inFormation[i % inFormation.length];
        const token = naturalTokens[i % naturalTokens.length];
        return {
          op: 'legacy-bind',
          response: await fetch(`${replica.url}/v1/bindings/legacy-account`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ organizationName: legacy.organization.name, loginName: legacy.loginName, password: legacy.password }),
          }),
        };
      },
      async () => {
        const token = legalTokens[(i * 7) % legalTokens.length];
        return {
          op: 'session',
          response: await fetch(`${replica.url}/v1/sessions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ clientIp: '203.0.113.9', userAgent: 'Mozilla/5.0 (fault)', takeover: true }),
          }),
        };
      },
      async () => {
        const token = naturalTokens[(i + count) % naturalTokens.length];
        return {
          op: 'application',
          response: await fetch(`${replica.url}/v1/registration-applications`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify(applicationBody({ code: authorityCode, divisionCode: authorityDivision })),
          }),
        };
      },
    ];
    return async (): Promise<{ op: string; response: Response }> => {
      const op = ops[i % ops.length];
      i++;
      return op();
    };
  }

  /** Run `workers` concurrent loops of `next` until `stop()` is called; `phase()` labels each outcome. */
  function load(next: () => Promise<{ op: string; response: Response }>, workers: number, phase: () => string) {
    const outcomes: Outcome[] = [];
    let running = true;
    const loops = Array.from({ length: workers }, async () => {
      while (running) {
        const label = phase();
        const started = Date.now();
        try {
          const { op, response } = await next();
          const text = await response.text();
          let code: string | undefined;
          try {
            code = JSON.parse(text).code;
          } catch {
            code = undefined;
          }
          outcomes.push({
            op,
            phase: label,
            status: response.status,
            ms: Date.now() - started,
            code,
            problemJson: (response.headers.get('content-type') ?? '').startsWith('application/problem+json'),
            retryAfter: response.headers.get('retry-after'),
          });
        } catch (error) {
          outcomes.push({ op: 'network', phase: label, status: 0, ms: Date.now() - started, code: (error as Error).message, problemJson: false, retryAfter: null });
        }
      }
    });
    return {
      outcomes,
      stop: async () => {
        running = false;
        await Promise.all(loops);
      },
    };
  }

  async function readiness(): Promise<number> {
    return (await fetch(`${replica.url}/health/ready`, { signal: AbortSignal.timeout(5000) })).status;
  }

  async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<number> {
    const started = Date.now();
    while (!(await condition())) {
      if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await sleep(100);
    }
    return Date.now() - started;
  }

  function expectFaultAnswers(outcomes: Outcome[]) {
    const serverErrors = outcomes.filter((o) => o.status >= 500 || o.status === 0);
    // Every failure is a 503 problem+json SERVICE_UNAVAILABLE with Retry-After: no 500, no dropped connection.
    expect(serverErrors.filter((o) => !(o.status === 503 && o.problemJson && o.code === 'SERVICE_UNAVAILABLE' && Number(o.retryAfter) > 0))).toEqual([]);
    // Client errors are the rules' answers (taken, pending, locked…), never a 5xx in disguise.
    const unexpected = outcomes.filter((o) => o.status >= 400 && o.status < 500 && !o.problemJson);
    expect(unexpected).toEqual([]);
  }

  it('PostgreSQL stops during load: fast 503 problem+json with Retry-After, readiness 503, no hang; it comes back and the service recovers by itself; no half-written state', () =>
    tallied('database faults', 'database stopped during load', async () => {
      const next = await arrangeWork(150);
      let phase = 'before';
      const run = load(next, 8, () => phase);
      await sleep(1500);
      phase = 'fault';
      proxy.cut();
      const readyAfterMs = await waitFor('readiness 503 during the fault', async () => (await readiness()) === 503, 10_000);
      const ready = await fetch(`${replica.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      await sleep(2500);
      phase = 'recovery';
      proxy.restore();
      const recoveredMs = await waitFor('readiness 200 after the database is back', async () => (await readiness()) === 200, 20_000);
      await sleep(1500);
      phase = 'after';
      await sleep(1000);
      await run.stop();

      const outcomes = run.outcomes;
      const during = outcomes.filter((o) => o.phase === 'fault');
      const maxFaultMs = Math.max(...during.map((o) => o.ms));
      process.stdout.write(
        `database stopped: ${outcomes.length} requests (${during.length} during the fault, ${during.filter((o) => o.status === 503).length} answered 503); ` +
          `readiness 503 after ${readyAfterMs} ms, recovered ${recoveredMs} ms after restart; slowest request during the fault ${maxFaultMs} ms (handler timeout ${HANDLER_TIMEOUT_MS} ms)\n`,
      );
      expectFaultAnswers(outcomes);
      expect(during.filter((o) => o.status === 503).length).toBeGreaterThan(0);
      // A stopped server refuses connections: requests fail at once, far below the pool's 5 s connection timeout.
      expect(maxFaultMs).toBeLessThan(5000);
      expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(HANDLER_TIMEOUT_MS);
      expect(outcomes.filter((o) => o.phase === 'before' && o.status < 400).length).toBeGreaterThan(0);
      // Recovered by itself: writes succeed again after the restart, without restarting the service.
      expect(outcomes.filter((o) => o.phase === 'after' && o.status < 400).length).toBeGreaterThan(0);
      expect(outcomes.filter((o) => o.phase === 'after' && o.status >= 500)).toEqual([]);
      expect(await brokenInvariants(scratch.dataSource)).toEqual({});
    }));

  it('network partition to PostgreSQL during load (nothing answers, nothing resets): every request ends within the timeouts as 503, readiness 503; recovers; invariants hold', () =>
    tallied('database faults', 'network partition during load', async () => {
      const next = await arrangeWork(100);
      let phase = 'before';
      const run = load(next, 8, () => phase);
      await sleep(1000);
      phase = 'fault';
      proxy.partition();
      const readyAfterMs = await waitFor('readiness 503 during the partition', async () => (await readiness()) === 503, 10_000);
      // Long enough for requests started during the partition to end (driver timeout, then the rollback's).
      await sleep(3 * (DATABASE_QUERY_TIMEOUT_MS + 1000) + 1000);
      phase = 'recovery';
      proxy.restore();
      const recoveredMs = await waitFor('readiness 200 after the partition', async () => (await readiness()) === 200, 20_000);
      await sleep(1000);
      phase = 'after';
      await sleep(1000);
      await run.stop();
      const during = run.outcomes.filter((o) => o.phase === 'fault');
      const maxFaultMs = Math.max(...during.map((o) => o.ms));
      process.stdout.write(
        `network partition: ${run.outcomes.length} requests (${during.length} during the partition, ${during.filter((o) => o.status === 503).length} answered 503); ` +
          `readiness 503 after ${readyAfterMs} ms, recovered ${recoveredMs} ms after the partition healed; slowest request started during it ${maxFaultMs} ms, slowest overall ${Math.max(...run.outcomes.map((o) => o.ms))} ms (handler timeout ${HANDLER_TIMEOUT_MS} ms)\n`,
      );
      expectFaultAnswers(run.outcomes);
      expect(during.filter((o) => o.status === 503).length).toBeGreaterThan(0);
      // Requests caught by the partition in flight (started before it) are bounded too: by the
      // handler timeout at the latest, which answers them 503 at HANDLER_TIMEOUT_MS (a request in a
      // transaction can meet the driver timeout twice, statement then rollback). The client sees
      // that answer a little later on a busy 2-core machine, hence the margin; nothing hangs.
      expect(Math.max(...run.outcomes.map((o) => o.ms))).toBeLessThan(HANDLER_TIMEOUT_MS + HANDLER_TIMEOUT_ANSWER_MARGIN_MS);
      expect(run.outcomes.filter((o) => o.phase === 'after' && o.status < 400).length).toBeGreaterThan(0);
      expect(await brokenInvariants(scratch.dataSource)).toEqual({});
    }));

  it('every database connection killed (pg_terminate_backend) during load: 503 or success, never 500; recovers; invariants hold', () =>
    tallied('database faults', 'connections terminated during load', async () => {
      const next = await arrangeWork(100);
      let phase = 'before';
      const run = load(next, 8, () => phase);
      await sleep(1000);
      phase = 'fault';
      const [{ killed }] = await scratch.dataSource.query(
        `SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'orgbind' AND pid <> pg_backend_pid()`,
      );
      expect(killed).toBeGreaterThan(0);
      await sleep(1000);
      phase = 'after';
      await sleep(1500);
      await run.stop();
      expectFaultAnswers(run.outcomes);
      expect(run.outcomes.filter((o) => o.phase === 'after' && o.status < 400).length).toBeGreaterThan(0);
      expect(run.outcomes.filter((o) => o.phase === 'after' && o.status >= 500)).toEqual([]);
      expect(await readiness()).toBe(200);
      expect(await brokenInvariants(scratch.dataSource)).toEqual({});
    }));

  it('an organization import SIGKILLed half-way: rerunning it converges to the same result, no duplicates', () =>
    tallied('database faults', 'import killed half-way', async () => {
      await buildService();
      const folder = await mkdtemp(path.join(tmpdir(), 'orgbind-import-'));
      const file = path.join(folder, 'organizations.csv');
      const rows = Array.from({ length: 20_000 }, (_, i) => `${fakeOrganizationName()},${fakeUscc()},social_group,established,fault-import-${i}`);
      await writeFile(file, `name,uscc,type,status,external_id\n${rows.join('\n')}\n`);
      const cli = (): { child: ChildProcess; output: () => string; exited: Promise<number | null> } => {
        const child = spawn(process.execPath, [path.join(BUILD_DIR, 'cli/import.js'), 'organizations', file, '--json'], {
          env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATABASE_URL: scratch.url, LOG_LEVEL: 'warn' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout?.setEncoding('utf8').on('data', (c: string) => (output += c));
        child.stderr?.setEncoding('utf8').on('data', (c: string) => (output += c));
        return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
      };
      const imported = async () =>
        (await scratch.dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT uscc)::int AS usccs, count(DISTINCT external_id)::int AS ids FROM organization WHERE external_id LIKE 'fault-import-%'`))[0];
      try {
        const first = cli();
        await waitFor('the import half-way', async () => /\((50|60|70|80|90)%\)/.test(first.output()), 120_000).catch(async (error) => {
          first.child.kill('SIGKILL');
          throw new Error(`${(error as Error).message}; output: ${first.output()}`);
        });
        first.child.kill('SIGKILL');
        await first.exited;
        const afterKill = await imported();
        // One transaction: the killed run left nothing behind.
        expect(afterKill.n).toBe(0);

        const second = cli();
        expect(await second.exited).toBe(0);
        const report = JSON.parse(second.output().slice(second.output().indexOf('{')));
        expect(report.imported).toBe(20_000);
        expect(await imported()).toEqual({ n: 20_000, usccs: 20_000, ids: 20_000 });
        const third = cli();
        expect(await third.exited).toBe(0);
        expect(await imported()).toEqual({ n: 20_000, usccs: 20_000, ids: 20_000 });
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    }));
});
