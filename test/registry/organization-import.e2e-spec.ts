import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { OrganizationEntity } from '../../src/registry/entities/organization.entity';
import { importOrganizations } from '../../src/registry/import/organization-import';
import { fakeUscc } from '../support/factories';

/** `npm run import -- organizations FILE` against a real PostgreSQL. */
describe('organization import', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = createDataSource(process.env.ORGBIND_E2E_DATABASE_URL!, 'orgbind-import-spec');
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  const run = (text: string | Buffer, file = 'test.tsv') =>
    importOrganizations(dataSource, typeof text === 'string' ? Buffer.from(text, 'utf8') : text, { file, actor: 'test' });

  it('imports a GBK CSV as Excel writes it, reporting unknown columns, warnings and rejections by line', async () => {
    const [a, b] = [fakeUscc('social_group', '210300'), fakeUscc('private_non_enterprise', '210122')];
    const csv = [
      'name,uscc,type,status,external_id,备注',
      `鞍山市${randomUUID().slice(0, 6)}协会,${a},,,ext-${a},x`,
      `沈阳市${randomUUID().slice(0, 6)}服务中心,${b},,,,`,
      `,${fakeUscc()},,,,`,
      `"鞍山市,逗号协会",,company,,,`,
    ].join('\r\n');
    const report = await run(iconv.encode(csv, 'gbk'), 'excel.csv');
    expect(report).toMatchObject({ encoding: 'gb18030', rows: 4, imported: 2, updated: 0 });
    expect(report.rejected).toEqual([
      { line: 4, message: 'name is required' },
      { line: 5, message: expect.stringMatching(/type "company"/) },
    ]);
    expect(report.warnings).toEqual(expect.arrayContaining([
      { line: 1, message: expect.stringMatching(/备注/) },
      { line: 3, message: expect.stringMatching(/historical/) },
    ]));
    const stored = await dataSource.getRepository(OrganizationEntity).findOneByOrFail({ uscc: b });
    expect(stored).toMatchObject({ type: 'private_non_enterprise', status: 'established', divisionCode: '210115' });
  });

  it('upserts by USCC, else by external id; unchanged rows are counted as such', async () => {
    const uscc = fakeUscc();
    const ext = `ext-${randomUUID()}`;
    const name = `鞍山市${randomUUID().slice(0, 6)}商会`;
    expect(await run(`name\tuscc\texternal_id\n${name}\t${uscc}\t\n`)).toMatchObject({ imported: 1 });
    expect(await run(`name\tuscc\texternal_id\n${name}\t${uscc}\t\n`)).toMatchObject({ imported: 0, updated: 0, unchanged: 1 });
    expect(await run(`name\tuscc\texternal_id\n${name}（更名）\t${uscc}\t${ext}\n`)).toMatchObject({ imported: 0, updated: 1 });
    expect(await run(`name\ttype\texternal_id\n${name}筹备组\tsocial_group\t${ext}-2\n`)).toMatchObject({ imported: 1 });
    expect(await run(`name\ttype\texternal_id\n${name}筹备组改\tsocial_group\t${ext}-2\n`)).toMatchObject({ updated: 1 });
    const rows = await dataSource.getRepository(OrganizationEntity).findBy({ uscc });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: `${name}（更名）`, externalId: ext, version: 2 });
  });

  it('rejects duplicates within a file and conflicting keys', async () => {
    const uscc = fakeUscc();
    const report = await run(`name\tuscc\n甲协会${uscc}\t${uscc}\n乙协会\t${uscc}\n`);
    expect(report.rejected).toEqual([{ line: 3, message: 'duplicate of line 2' }]);
  });

  it('is all or nothing: a fatal database error imports nothing', async () => {
    const marker = `BOOM-${randomUUID().slice(0, 8)}`;
    await dataSource.query(`CREATE OR REPLACE FUNCTION test_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.name LIKE 'BOOM-%' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
    await dataSource.query('CREATE TRIGGER test_boom BEFORE INSERT ON organization FOR EACH ROW EXECUTE FUNCTION test_boom()');
    try {
      const good = fakeUscc();
      await expect(run(`name\tuscc\n好协会\t${good}\n${marker}\t${fakeUscc()}\n`, 'fatal.tsv')).rejects.toThrow(/boom/);
      expect(await dataSource.getRepository(OrganizationEntity).countBy({ uscc: good })).toBe(0);
      const audit = await dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'registry.organizations_imported' AND details->>'file' = 'fatal.tsv'`);
      expect(audit[0].n).toBe(0);
    } finally {
      await dataSource.query('DROP TRIGGER test_boom ON organization');
    }
  });

  it('refuses a file without a name column', async () => {
    await expect(run('uscc\n53210000076270488R\n')).rejects.toThrow(/name/);
  });

  it('audits the import with its counts', async () => {
    const file = `audit-${randomUUID()}.tsv`;
    await run(`name\ttype\n审计测试协会${randomUUID().slice(0, 4)}\tsocial_group\n`, file);
    const rows = await dataSource.query(`SELECT actor_kind, outcome, details FROM audit_event WHERE action = 'registry.organizations_imported' AND details->>'file' = $1`, [file]);
    expect(rows).toEqual([{ actor_kind: 'operator', outcome: 'success', details: expect.objectContaining({ imported: 1, rows: 1 }) }]);
  });

  it('keeps stored values of columns the file does not have, and matches key-less rows by exact name', async () => {
    const uscc = fakeUscc();
    const name = `鞍山市${randomUUID().slice(0, 6)}研究会`;
    await run(`name\tuscc\texternal_id\testablished_at\n${name}\t${uscc}\tkeep-${uscc}\t2015-05-05\n`);
    expect(await run(`name\tuscc\n${name}\t${uscc}\n`)).toMatchObject({ unchanged: 1, updated: 0 });
    const stored = await dataSource.getRepository(OrganizationEntity).findOneByOrFail({ uscc });
    expect(stored).toMatchObject({ externalId: `keep-${uscc}`, establishedAt: '2015-05-05' });
    const pending = `鞍山市${randomUUID().slice(0, 6)}筹备会`;
    expect(await run(`name\ttype\n${pending}\tsocial_group\n`)).toMatchObject({ imported: 1 });
    expect(await run(`name\ttype\n${pending}\tsocial_group\n`)).toMatchObject({ imported: 0, unchanged: 1 });
    expect(await dataSource.getRepository(OrganizationEntity).countBy({ name: pending })).toBe(1);
  });

  it('warns when a deregistered organization comes back', async () => {
    const uscc = fakeUscc();
    await run(`name\tuscc\tstatus\n注销测试协会${uscc}\t${uscc}\tderegistered\n`);
    const report = await run(`name\tuscc\tstatus\n注销测试协会${uscc}\t${uscc}\testablished\n`);
    expect(report.warnings).toEqual([{ line: 2, message: 'organization was deregistered and is now established' }]);
  });
});
