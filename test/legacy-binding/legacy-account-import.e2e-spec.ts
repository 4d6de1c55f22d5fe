import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import * as iconv from 'iconv-lite';
import { importLegacyAccounts } from '../../src/legacy-binding/import/legacy-account-import';
import { importAuthorities } from '../../src/registry/import/authority-import';
import { importOrganizations } from '../../src/registry/import/organization-import';
import { SAMPLE_AUTHORITY_FILES, SAMPLE_LEGACY_ACCOUNT_FILES, SAMPLE_ORGANIZATION_FILES } from '../../src/runtime';
import { createOrganization, fakeLoginName, fakeOrganizationName, fakeSubject, TEST_ARGON2 } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const hex = (algorithm: string, text: string) => createHash(algorithm).update(text, 'utf8').digest('hex');

/** `npm run import -- legacy-accounts FILE`: schemes, wrapping, rejections, upserts, all or nothing. */
describe('legacy-account import', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const run = (text: string | Uint8Array, file = 'accounts.tsv') =>
    importLegacyAccounts(t.dataSource, typeof text === 'string' ? Buffer.from(text) : text, { file, actor: 'e2e', argon2: TEST_ARGON2, concurrency: 4 });
  const tsv = (rows: string[][]) => rows.map((r) => r.join('\t')).join('\n');
  const HEADER = ['login_name', 'organization_name', 'organization_external_id', 'hash_scheme', 'password_hash', 'salt', 'password', 'status'];
  async function inFormation() {
    const externalId = `legacy-e2e-${randomUUID()}`;
    return createOrganization(t.dataSource, { status: 'in_formation', uscc: null, externalId });
  }
  async function bind(organizationName: string, loginName: string, password: string, sub = fakeSubject('imp')) {
    const token = await t.mint({ sub, userType: 'natural_person' });
    return t.request('/v1/bindings/legacy-account', { method: 'POST', token, json: { organizationName, loginName, password } });
  }
  /** Public tables whose rows contain `needle` (case-insensitive), as text. */
  async function tablesContaining(needle: string): Promise<string[]> {
    const tables: { table_name: string }[] = await t.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const hits: string[] = [];
    for (const { table_name: table } of tables) {
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM "${table}" r WHERE strpos(lower(r::text), lower($1)) > 0`, [needle]);
      if (n > 0) hits.push(table);
    }
    return hits;
  }

  it('imports every scheme, wraps each legacy hash with Argon2id, and never stores a bare legacy hash anywhere', async () => {
    const organization = await inFormation();
    const password = (scheme: string) => `${scheme}-Pw#${randomUUID().slice(0, 6)}`;
    const salt = `s${randomUUID().slice(0, 5)}`;
    const accounts = [
      { scheme: 'md5', password: password('md5'), hash: (p: string) => hex('md5', p).toUpperCase(), salt: '' },
      { scheme: 'md5_16', password: password('md5_16'), hash: (p: string) => hex('md5', p).slice(8, 24), salt: '' },
      { scheme: 'md5_salt_password', password: password('msp'), hash: (p: string) => hex('md5', salt + p), salt },
      { scheme: 'md5_password_salt', password: password('mps'), hash: (p: string) => hex('md5', p + salt), salt },
      { scheme: 'sha1', password: password('sha1'), hash: (p: string) => hex('sha1', p), salt: '' },
      { scheme: 'sha256', password: password('sha256'), hash: (p: string) => hex('sha256', p), salt: '' },
      { scheme: 'bcrypt', password: password('bcrypt'), hash: (p: string) => bcrypt.hashSync(p, 4), salt: '' },
      { scheme: 'plaintext', password: password('plain'), hash: () => '', salt: '' },
    ].map((a) => ({ ...a, login: fakeLoginName(a.scheme), stored: a.hash(a.password) }));
    const file = tsv([
      HEADER,
      ...accounts.map((a) => [a.login, organization.name, '', a.scheme, a.stored, a.salt, a.scheme === 'plaintext' ? a.password : '', '']),
    ]);
    const report = await run(file);
    expect(report).toMatchObject({ kind: 'legacy-accounts', rows: 8, imported: 8, updated: 0, unchanged: 0, rejected: [], warnings: [] });

    const rows = await t.dataSource.query('SELECT login_name, scheme, legacy_salt, verifier, status FROM legacy_account WHERE organization_id = $1 ORDER BY login_name', [organization.id]);
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(row.verifier).toMatch(/^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
      expect(row.status).toBe('unbound');
    }
    const bcryptRow = rows.find((r: { scheme: string }) => r.scheme === 'bcrypt');
    expect(bcryptRow.legacy_salt).toHaveLength(29);

    for (const account of accounts) {
      const needles = [
        account.stored,
        account.stored.toLowerCase(),
        account.scheme === 'bcrypt' ? account.stored.slice(29) : '',
        account.scheme === 'plaintext' ? account.password : hex('md5', account.password),
      ].filter(Boolean);
      for (const needle of needles) expect({ needle: account.scheme, tables: await tablesContaining(needle) }).toEqual({ needle: account.scheme, tables: [] });
    }

    // Each password is verified through its scheme: a near miss fails, the password binds.
    for (const account of accounts) {
      const miss = await bind(organization.name, account.login, `${account.password}x`);
      expect({ scheme: account.scheme, code: miss.body.code }).toEqual({ scheme: account.scheme, code: 'INVALID_CREDENTIALS' });
      const response = await bind(organization.name, account.login, account.password);
      expect({ scheme: account.scheme, status: response.status }).toEqual({ scheme: account.scheme, status: 201 });
    }
    const audit = await t.dataSource.query(`SELECT details FROM audit_event WHERE action = 'registry.legacy_accounts_imported' AND details->>'file' = 'accounts.tsv' ORDER BY id DESC LIMIT 1`);
    expect(audit[0].details).toMatchObject({ rows: 8, imported: 8, argon2: 'm=8192,t=1,p=1' });
  });

  it('finds the organization by external id or exact name, and rejects what it cannot read, with line numbers', async () => {
    const byId = await inFormation();
    const byName = await inFormation();
    const twinName = fakeOrganizationName();
    await createOrganization(t.dataSource, { name: twinName, status: 'in_formation', uscc: null });
    await createOrganization(t.dataSource, { name: twinName, status: 'in_formation', uscc: null });
    const established = await createOrganization(t.dataSource);
    const md5 = hex('md5', 'password');
    const ok1 = fakeLoginName('ok');
    const ok2 = fakeLoginName('ok');
    const ok3 = fakeLoginName('ok');
    const file = tsv([
      [...HEADER, 'remark'],
      [ok1, '', byId.externalId!, 'md5', md5, '', '', '', 'x'],
      [` ${ok2} `, byName.name, '', 'MD5', md5, '', '', 'disabled', ''],
      [ok2.toUpperCase(), byName.name, '', 'md5', md5, '', '', '', ''],
      [fakeLoginName('bad'), '', 'no-such-external-id', 'md5', md5, '', '', '', ''],
      [fakeLoginName('bad'), '鞍山市没有这个协会', '', 'md5', md5, '', '', '', ''],
      [fakeLoginName('bad'), twinName, '', 'md5', md5, '', '', '', ''],
      [fakeLoginName('bad'), byName.name, byId.externalId!, 'md5', md5, '', '', '', ''],
      [fakeLoginName('bad'), byName.name, '', 'md5', 'deadbeef', '', '', '', ''],
      [fakeLoginName('bad'), byName.name, '', 'md5_salt_password', md5, '', '', '', ''],
      [fakeLoginName('bad'), byName.name, '', 'rot13', md5, '', '', '', ''],
      [fakeLoginName('bad'), byName.name, '', 'md5', md5, '', '', 'bound', ''],
      [ok3, established.name, '', 'md5', md5, '', '', '', ''],
    ]);
    const report = await run(file, 'mixed.tsv');
    expect(report).toMatchObject({ rows: 12, imported: 3 });
    expect(report.rejected.map((r) => [r.line, r.message])).toEqual([
      [4, expect.stringContaining('is the login of line 3 (login names match ignoring case and width)')],
      [5, 'no organization has external_id no-such-external-id'],
      [6, expect.stringContaining('no organization is named "鞍山市没有这个协会"')],
      [7, expect.stringContaining('2 organizations are named')],
      [8, expect.stringContaining('is not the name of organization')],
      [9, 'password_hash for scheme md5 must be 32 hex digits (found 8 characters)'],
      [10, 'scheme md5_salt_password needs the salt column'],
      [11, expect.stringContaining('hash_scheme "rot13" is not one of')],
      [12, expect.stringContaining('bound comes only from a binding')],
    ]);
    expect(report.warnings.map((w) => [w.line, w.message])).toEqual([
      [1, 'column "remark" is not used and was ignored'],
      [3, 'leading/trailing spaces removed from login_name'],
      [13, expect.stringContaining('is established: this account cannot be bound')],
    ]);
    const [disabled] = await t.dataSource.query('SELECT login_name, status, organization_id FROM legacy_account WHERE login_name_key = $1', [ok2.toLowerCase()]);
    expect(disabled).toEqual({ login_name: ok2, status: 'disabled', organization_id: byName.id });
  });

  it('reads GBK CSV files as Excel exports them', async () => {
    const organization = await inFormation();
    const login = fakeLoginName('gbk');
    const csv = `备注,login_name,organization_name,hash_scheme,password_hash\r\nx,${login},${organization.name},sha1,${hex('sha1', '密码Abc1')}\r\n`;
    const report = await run(iconv.encode(csv, 'gbk'), 'gbk.csv');
    expect(report).toMatchObject({ encoding: 'gb18030', imported: 1, rejected: [] });
    expect((await bind(organization.name, login, '密码Abc1')).status).toBe(201);
  });

  it('re-imports idempotently: unchanged rows stay, new hashes replace old ones, bound accounts keep their organization and status', async () => {
    const organization = await inFormation();
    const other = await inFormation();
    const [a, b] = [fakeLoginName('re'), fakeLoginName('re')];
    const first = tsv([HEADER, [a, organization.name, '', 'md5', hex('md5', 'old-a'), '', '', ''], [b, organization.name, '', 'md5', hex('md5', 'old-b'), '', '', '']]);
    expect(await run(first)).toMatchObject({ imported: 2, updated: 0, unchanged: 0 });
    expect(await run(first)).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });

    const second = tsv([HEADER, [a, organization.name, '', 'sha256', hex('sha256', 'new-a'), '', '', ''], [b, organization.name, '', 'md5', hex('md5', 'old-b'), '', '', '']]);
    expect(await run(second)).toMatchObject({ imported: 0, updated: 1, unchanged: 1 });
    expect((await bind(organization.name, a, 'old-a')).body.code).toBe('INVALID_CREDENTIALS');
    expect((await bind(organization.name, a, 'new-a')).status).toBe(201);

    const moved = tsv([HEADER, [a, other.name, '', 'sha256', hex('sha256', 'new-a'), '', '', ''], [b, organization.name, '', 'md5', hex('md5', 'old-b'), '', '', 'disabled']]);
    const report = await run(moved);
    expect(report.rejected).toEqual([{ line: 2, message: expect.stringContaining('is bound: its organization cannot change') }]);
    expect(report).toMatchObject({ updated: 1 });
    const disabledAgain = tsv([HEADER, [a, organization.name, '', 'sha256', hex('sha256', 'new-a'), '', '', 'disabled']]);
    const kept = await run(disabledAgain);
    expect(kept.warnings).toEqual([{ line: 2, message: expect.stringContaining('is bound: status kept') }]);
    const states = await t.dataSource.query('SELECT login_name_key, status FROM legacy_account WHERE login_name_key = ANY($1) ORDER BY login_name_key', [[a, b]]);
    expect(Object.fromEntries(states.map((s: { login_name_key: string; status: string }) => [s.login_name_key, s.status]))).toEqual({ [a]: 'bound', [b]: 'disabled' });
  });

  it('imports nothing when the transaction fails (all or nothing)', async () => {
    const organization = await inFormation();
    const existing = fakeLoginName('keep');
    await run(tsv([HEADER, [existing, organization.name, '', 'md5', hex('md5', 'keep'), '', '', '']]));
    const boom = fakeLoginName('boom');
    const trigger = `fail_${randomUUID().replace(/-/g, '')}`;
    await t.dataSource.query(`CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$`);
    await t.dataSource.query(`CREATE TRIGGER ${trigger} BEFORE INSERT ON legacy_account FOR EACH ROW WHEN (NEW.login_name_key = '${boom}') EXECUTE FUNCTION ${trigger}()`);
    try {
      const fresh = fakeLoginName('fresh');
      const file = tsv([
        HEADER,
        [existing, organization.name, '', 'md5', hex('md5', 'changed'), '', '', ''],
        [fresh, organization.name, '', 'md5', hex('md5', 'fresh'), '', '', ''],
        [boom, organization.name, '', 'md5', hex('md5', 'boom'), '', '', ''],
      ]);
      await expect(run(file, 'fails.tsv')).rejects.toThrow(/simulated failure/);
      const rows = await t.dataSource.query('SELECT login_name_key FROM legacy_account WHERE organization_id = $1', [organization.id]);
      expect(rows).toEqual([{ login_name_key: existing }]);
      expect((await bind(organization.name, existing, 'keep')).status).toBe(201);
      const audit = await t.dataSource.query(`SELECT 1 FROM audit_event WHERE action = 'registry.legacy_accounts_imported' AND details->>'file' = 'fails.tsv'`);
      expect(audit).toEqual([]);
    } finally {
      await t.dataSource.query(`DROP TRIGGER ${trigger} ON legacy_account`);
      await t.dataSource.query(`DROP FUNCTION ${trigger}()`);
    }
  });

  it('loads the sample legacy accounts idempotently, and their documented credentials work (sample-data/README.md)', async () => {
    const organizationsFile = SAMPLE_ORGANIZATION_FILES.find((f) => f.includes('in-formation'))!;
    const repository = path.resolve(__dirname, '../..');
    // As npm start loads them: the authorities first (the organizations name their division's authority).
    await importAuthorities(t.dataSource, await readFile(path.join(repository, SAMPLE_AUTHORITY_FILES[0])), { file: SAMPLE_AUTHORITY_FILES[0], actor: 'e2e' });
    const organizations = await importOrganizations(t.dataSource, await readFile(path.join(repository, organizationsFile)), { file: organizationsFile, actor: 'e2e' });
    expect(organizations.rejected).toEqual([]);
    const bytes = await readFile(path.join(repository, SAMPLE_LEGACY_ACCOUNT_FILES[0]));
    expect(await run(bytes, 'legacy-accounts.tsv')).toMatchObject({ imported: 4, rejected: [] });
    expect(await run(bytes, 'legacy-accounts.tsv')).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
    const documented = [
      ['鞍山市千山区太极拳运动协会', 'qs-taiji', 'Taiji@2019', 201],
      ['鞍山市铁东区社区志愿服务协会', 'td-zhiyuan', 'Zhiyuan#2020', 201],
      ['鞍山市立山区青少年科技教育服务中心', 'ls-keji', 'Keji2021!', 201],
      ['鞍山市千山区书画艺术研究会', 'qs-shuhua', 'Shuhua@2018', 403],
    ] as const;
    for (const [organizationName, loginName, password, status] of documented) {
      expect({ loginName, status: (await bind(organizationName, loginName, password)).status }).toEqual({ loginName, status });
    }
  });

  it('refuses a file without the required columns', async () => {
    await expect(run('login_name\tpassword_hash\nx\ty')).rejects.toThrow('the file has no "hash_scheme" column');
    await expect(run('login_name\thash_scheme\nx\tmd5')).rejects.toThrow(/neither an "organization_name" nor an "organization_external_id" column/);
  });
});
