import { readFileSync } from 'node:fs';
import path from 'node:path';
import { interpretOrganizationRow } from './organization-row';
import { readTabularFile } from './tabular-file';
import { ORGANIZATION_COLUMNS } from './organization-row';

describe('interpretOrganizationRow', () => {
  it('reads every row of the real sample file as an established foundation of 辽宁省', () => {
    const file = readTabularFile(readFileSync(path.resolve(__dirname, '../../../sample-data/liaoning-foundations.tsv')), ORGANIZATION_COLUMNS);
    expect(file.rows).toHaveLength(33);
    for (const row of file.rows) {
      const result = interpretOrganizationRow(row.values);
      expect(result).toMatchObject({ ok: true, warnings: [], record: { type: 'foundation', status: 'established', divisionCode: '210000', uscc: row.values.uscc, name: row.values.name } });
    }
  });

  it('derives type from the USCC category and status from the USCC', () => {
    expect(interpretOrganizationRow({ name: '鞍山市智慧养老行业协会', uscc: '51210300DEM000022K' })).toMatchObject({
      ok: true,
      record: { type: 'social_group', status: 'established', divisionCode: '210300' },
    });
  });

  it('in formation without a USCC; type then required', () => {
    expect(interpretOrganizationRow({ name: '鞍山市千山区测试协会', type: 'social_group' })).toMatchObject({ ok: true, record: { status: 'in_formation', uscc: null } });
    expect(interpretOrganizationRow({ name: '鞍山市千山区测试协会' })).toMatchObject({ ok: false, reason: expect.stringMatching(/type is required/) });
  });

  it('rejects an empty name, control characters, bad enums, bad dates, an established organization without USCC', () => {
    expect(interpretOrganizationRow({ name: '  ' })).toMatchObject({ ok: false, reason: 'name is required' });
    expect(interpretOrganizationRow({ name: '鞍山\u200b协会', type: 'social_group' })).toMatchObject({ ok: false });
    expect(interpretOrganizationRow({ name: 'x', type: 'company' })).toMatchObject({ ok: false, reason: expect.stringMatching(/type "company"/) });
    expect(interpretOrganizationRow({ name: 'x', type: 'social_group', status: 'gone' })).toMatchObject({ ok: false });
    expect(interpretOrganizationRow({ name: 'x', type: 'social_group', established_at: '2021-02-30' })).toMatchObject({ ok: false, reason: expect.stringMatching(/not a date/) });
    expect(interpretOrganizationRow({ name: 'x', type: 'social_group', status: 'established' })).toMatchObject({ ok: false, reason: expect.stringMatching(/needs its USCC/) });
  });

  it('imports a registry code failing a check character with a warning, rejects one of the wrong length', () => {
    const result = interpretOrganizationRow({ name: '鞍山市见义勇为基金会', uscc: '53210000076270488Q' });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.join()).toMatch(/CHECK_CHARACTER/);
    expect(interpretOrganizationRow({ name: 'x', uscc: '5321' })).toMatchObject({ ok: false });
  });

  it('normalises a lower-case or full-width USCC with a warning', () => {
    const result = interpretOrganizationRow({ name: '鞍山市见义勇为基金会', uscc: '５３210000076270488r' });
    expect(result).toMatchObject({ ok: true, record: { uscc: '53210000076270488R' } });
    if (result.ok) expect(result.warnings[0]).toMatch(/normalised/);
  });

  it('resolves a historical division code (210122 辽中县 → 210115) with a warning', () => {
    const result = interpretOrganizationRow({ name: '沈阳市辽中区测试协会', type: 'social_group', division_code: '210122' });
    expect(result).toMatchObject({ ok: true, record: { divisionCode: '210115' } });
    if (result.ok) expect(result.warnings[0]).toMatch(/historical/);
  });

  it('trims surrounding spaces from the name with a warning but keeps inner text exact', () => {
    const result = interpretOrganizationRow({ name: ' 鞍山市（社区）协会\u3000', type: 'social_group' });
    expect(result).toMatchObject({ ok: true, record: { name: '鞍山市（社区）协会' } });
  });
});
