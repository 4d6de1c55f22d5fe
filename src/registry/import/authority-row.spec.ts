import { interpretAuthorityRow } from './authority-row';

describe('interpretAuthorityRow', () => {
  it('reads a sample row, taking the level from the division', () => {
    expect(interpretAuthorityRow({ code: 'MZ-210311', name: '鞍山市千山区民政局', division_code: '210311' })).toEqual({
      ok: true,
      record: { code: 'MZ-210311', name: '鞍山市千山区民政局', divisionCode: '210311', level: 'county', active: true },
      warnings: [],
    });
  });

  it('upper-cases the code, trims the name and reads active flags, with warnings', () => {
    const result = interpretAuthorityRow({ code: 'sp-210300', name: ' 鞍山市审批局 ', division_code: '210300', level: 'city', active: '否' });
    expect(result).toEqual({
      ok: true,
      record: { code: 'SP-210300', name: '鞍山市审批局', divisionCode: '210300', level: 'city', active: false },
      warnings: ['code upper-cased to SP-210300', 'leading/trailing spaces removed from name'],
    });
  });

  it('resolves a historical division code to its successor', () => {
    const result = interpretAuthorityRow({ code: 'MZ-210122', name: '辽中县民政局', division_code: '210122' });
    expect(result.ok && result.record.divisionCode).toBe('210115');
    expect(result.ok && result.warnings[0]).toContain('historical');
  });

  it.each([
    [{ name: 'x', division_code: '210300' }, 'code is required'],
    [{ code: 'MZ 210300', name: 'x', division_code: '210300' }, 'upper-case letters'],
    [{ code: 'MZ-210300', division_code: '210300' }, 'name is required'],
    [{ code: 'MZ-210300', name: '鞍山\u200B民政局', division_code: '210300' }, 'zero-width'],
    [{ code: 'MZ-110000', name: '北京市民政局', division_code: '110000' }, 'not a Liaoning division'],
    [{ code: 'MZ-210300', name: '鞍山市民政局', division_code: '210300', level: 'county' }, 'does not match'],
    [{ code: 'MZ-210300', name: '鞍山市民政局', division_code: '210300', active: 'maybe' }, 'must be true or false'],
  ])('rejects %j', (values, reason) => {
    const result = interpretAuthorityRow(values);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});
