import { LIAONING_DIVISION_ALIASES } from './division-aliases';
import { findDivision } from './divisions';

describe('LIAONING_DIVISION_ALIASES', () => {
  it('has one entry per historical code', () => {
    const codes = LIAONING_DIVISION_ALIASES.map((alias) => alias.historicalCode);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(LIAONING_DIVISION_ALIASES.map((alias) => [alias.historicalCode, alias.historicalName, alias]))(
    '%s %s points to a current Liaoning division of a different name',
    (_code, _name, alias) => {
      expect(alias.historicalCode).toMatch(/^21\d{4}$/);
      const successor = findDivision(alias.currentCode);
      expect(successor).not.toBeNull();
      expect(successor?.name).not.toBe(alias.historicalName);
    },
  );

  it('keeps the code for renames and changes it for recodings, whose old code left GB/T 2260', () => {
    for (const alias of LIAONING_DIVISION_ALIASES) {
      if (alias.kind === 'renamed') {
        expect(alias.currentCode).toBe(alias.historicalCode);
      } else {
        expect(alias.currentCode).not.toBe(alias.historicalCode);
        expect(findDivision(alias.historicalCode)).toBeNull();
      }
    }
  });

  it('lists the changes the importer relies on', () => {
    const pairs = LIAONING_DIVISION_ALIASES.map((alias) => `${alias.historicalCode}→${alias.currentCode}`);
    expect(pairs).toEqual(expect.arrayContaining(['210112→210112', '210122→210115', '210282→210214', '211400→211400']));
  });
});
