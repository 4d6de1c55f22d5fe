import { changedRecordFields, checkRecordDates, isCalendarDate, RegistryRecord } from './registry-record';

const RECORD: RegistryRecord = {
  externalId: 'mgmt-1',
  name: '鞍山市测试行业协会',
  type: 'social_group',
  status: 'established',
  uscc: '51210300MJ0000000X',
  authorityCode: '210300-MZ',
  divisionCode: '210300',
  establishedAt: '2024-05-01',
  deregisteredAt: null,
};

describe('registry record', () => {
  it('reports no change for the same record and each changed field otherwise', () => {
    expect(changedRecordFields(RECORD, { ...RECORD })).toEqual([]);
    expect(changedRecordFields(RECORD, { ...RECORD, name: '鞍山市测试行业协会 ', authorityCode: null })).toEqual(['name', 'authorityCode']);
  });

  it('treats a full-width and a half-width bracket as different names (no normalisation)', () => {
    const withBrackets = { ...RECORD, name: '鞍山市（测试）协会' };
    expect(changedRecordFields(withBrackets, { ...withBrackets, name: '鞍山市(测试)协会' })).toEqual(['name']);
  });

  it('accepts consistent dates', () => {
    expect(checkRecordDates({ status: 'established', establishedAt: '2024-05-01', deregisteredAt: null }, '2026-11-02')).toEqual([]);
    expect(checkRecordDates({ status: 'deregistered', establishedAt: '2024-05-01', deregisteredAt: '2026-11-02' }, '2026-11-02')).toEqual([]);
    expect(checkRecordDates({ status: 'in_formation', establishedAt: null, deregisteredAt: null }, '2026-11-02')).toEqual([]);
  });

  it('rejects future dates, a deregistration before establishment, and dates that do not fit the status', () => {
    expect(checkRecordDates({ status: 'established', establishedAt: '2026-11-03', deregisteredAt: null }, '2026-11-02'))
      .toEqual([{ field: 'establishedAt', constraint: 'notInFuture' }]);
    expect(checkRecordDates({ status: 'deregistered', establishedAt: '2024-05-01', deregisteredAt: '2024-04-30' }, '2026-11-02'))
      .toEqual([{ field: 'deregisteredAt', constraint: 'notBeforeEstablishment' }]);
    expect(checkRecordDates({ status: 'established', establishedAt: null, deregisteredAt: '2025-01-01' }, '2026-11-02'))
      .toEqual([{ field: 'deregisteredAt', constraint: 'onlyWhenDeregistered' }]);
    expect(checkRecordDates({ status: 'in_formation', establishedAt: '2025-01-01', deregisteredAt: null }, '2026-11-02'))
      .toEqual([{ field: 'establishedAt', constraint: 'onlyWhenEstablished' }]);
  });

  it('recognises real calendar dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-2-1')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
  });
});
