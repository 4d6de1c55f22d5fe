import {
  computeResidentIdCheckCharacter,
  generateResidentId,
  maskResidentId,
  normalizeResidentId,
  RESIDENT_ID_WEIGHTS,
  ResidentIdRule,
  validateResidentId,
  type InvalidResidentId,
  type ResidentIdCheck,
} from './resident-id';

/** A fixed «now»: 2025-06-15 12:00 in China. */
const NOW = new Date('2025-06-15T04:00:00Z');

function expectInvalid(check: ResidentIdCheck): InvalidResidentId {
  if (check.valid) {
    throw new Error(`expected an invalid resident ID, got valid ${check.residentId}`);
  }
  return check;
}

describe('RESIDENT_ID_WEIGHTS', () => {
  it('are 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2', () => {
    expect(RESIDENT_ID_WEIGHTS).toEqual([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
  });
});

describe('computeResidentIdCheckCharacter', () => {
  it.each([
    // The two examples of GB 11643-1999 附录A.
    // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → X
    ['11010519491231002', 'X'],
    // 4·7+4·9+0·10+5·5+2·8+4·4+1·2+8·1+8·6+0·3+0·7+1·9+0·10+1·5+0·8+0·4+1·2 = 195; 195 mod 11 = 8 → 4
    ['44052418800101001', '4'],
  ])('computes %s → %s', (body, check) => {
    expect(computeResidentIdCheckCharacter(body)).toBe(check);
  });

  // One body per remainder 0..10, so that every entry of the map 1 0 X 9 8 7 6 5 4 3 2 is exercised.
  // Common part 210302 19900517 00_ weighs 201 (mod 11 = 3); a unit at position 16 adds 4, at position 17 adds 2.
  it.each([
    ['21030219900517004', 0, '1'],
    ['21030219900517018', 1, '0'],
    ['21030219900517005', 2, 'X'],
    ['21030219900517019', 3, '9'],
    ['21030219900517006', 4, '8'],
    ['21030219900517001', 5, '7'],
    ['21030219900517007', 6, '6'],
    ['21030219900517002', 7, '5'],
    ['21030219900517008', 8, '4'],
    ['21030219900517003', 9, '3'],
    ['21030219900517009', 10, '2'],
  ])('computes %s (remainder %i) → %s', (body, _remainder, check) => {
    expect(computeResidentIdCheckCharacter(body)).toBe(check);
  });

  it('rejects a body that is not 17 digits', () => {
    expect(() => computeResidentIdCheckCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => computeResidentIdCheckCharacter('1101051949123100A')).toThrow(RangeError);
  });
});

describe('validateResidentId', () => {
  it('decodes the example of GB 11643-1999', () => {
    expect(validateResidentId('11010519491231002X', { now: NOW })).toEqual({
      valid: true,
      residentId: '11010519491231002X',
      addressCode: '110105',
      birthDate: '1949-12-31',
      sequenceCode: '002',
      sex: 'female',
      checkCharacter: 'X',
    });
  });

  it('reads an odd sequence code as male', () => {
    expect(validateResidentId('210311200002290015', { now: NOW })).toMatchObject({
      valid: true,
      birthDate: '2000-02-29',
      sequenceCode: '001',
      sex: 'male',
    });
  });

  it('accepts a trailing lower-case x and returns it as X', () => {
    expect(validateResidentId('11010519491231002x', { now: NOW })).toMatchObject({
      valid: true,
      residentId: '11010519491231002X',
    });
  });

  it('accepts a Taiwan residence-permit number (address code 830000)', () => {
    expect(validateResidentId(generateResidentId({ divisionCode: '830000', birthDate: '1990-01-01', sequence: 1 }), { now: NOW }).valid).toBe(true);
  });

  describe('rule LENGTH', () => {
    it.each([
      ['', 0],
      ['11010519491231002', 17],
      ['11010519491231002X0', 19],
      // A 15-digit first-generation number is not accepted.
      ['110105491231002', 15],
    ])('rejects %j (%i characters)', (input, length) => {
      expect(validateResidentId(input, { now: NOW })).toMatchObject({
        valid: false,
        rule: ResidentIdRule.LENGTH,
        expected: '18',
        actual: String(length),
      });
    });
  });

  describe('rule CHARSET', () => {
    it('rejects X anywhere but the last position', () => {
      expect(validateResidentId('1101051949123100X2', { now: NOW })).toMatchObject({
        rule: ResidentIdRule.CHARSET,
        position: 17,
        actual: 'X',
        message: "Character 'X' at position 17 is not a digit",
      });
    });

    it('rejects a letter other than X at the last position', () => {
      expect(validateResidentId('11010519491231002Y', { now: NOW })).toMatchObject({
        rule: ResidentIdRule.CHARSET,
        position: 18,
        message: "Character 'Y' at position 18 is not a digit or X",
      });
    });

    it('rejects full-width digits unless normalisation is asked for', () => {
      const fullWidth = '１１０１０５１９４９１２３１００２ｘ';
      const check = expectInvalid(validateResidentId(fullWidth, { now: NOW }));
      expect(check.rule).toBe(ResidentIdRule.CHARSET);
      expect(check.violations).toHaveLength(18);
      expect(validateResidentId(fullWidth, { now: NOW, normalize: true })).toMatchObject({
        valid: true,
        residentId: '11010519491231002X',
      });
    });
  });

  describe('rule ADDRESS_CODE', () => {
    it('rejects an address code outside any province (99)', () => {
      const residentId = '990105194912310021';
      const check = expectInvalid(validateResidentId(residentId, { now: NOW }));
      expect(check).toMatchObject({ rule: ResidentIdRule.ADDRESS_CODE, position: 1, actual: '99' });
    });
  });

  describe('rule BIRTH_DATE', () => {
    it.each([
      ['210302199002300011', '19900230', 'is not a real date'],
      ['210302190002290011', '19000229', 'is not a real date'],
      ['210302199013010011', '19901301', 'is not a real date'],
      ['210302199001000011', '19900100', 'is not a real date'],
      ['210302179912310011', '17991231', 'is before 1800'],
      ['210302202506160011', '20250616', 'is in the future'],
    ])('rejects %s (birth date %s %s)', (residentId, digits, problem) => {
      expect(validateResidentId(residentId, { now: NOW })).toMatchObject({
        rule: ResidentIdRule.BIRTH_DATE,
        position: 7,
        actual: digits,
        message: `Birth date '${digits}' at positions 7-14 ${problem}`,
      });
    });

    it('judges «today» on the calendar in China', () => {
      const bornToday = generateResidentId({ divisionCode: '210302', birthDate: '2025-06-16', sequence: 2 });
      // 2025-06-15T16:30Z is already 2025-06-16 00:30 in China.
      expect(validateResidentId(bornToday, { now: new Date('2025-06-15T16:30:00Z') }).valid).toBe(true);
      expect(validateResidentId(bornToday, { now: new Date('2025-06-15T15:30:00Z') })).toMatchObject({
        rule: ResidentIdRule.BIRTH_DATE,
      });
    });
  });

  describe('rule CHECK_CHARACTER', () => {
    it('reports expected and actual check character', () => {
      expect(validateResidentId('110105194912310021', { now: NOW })).toEqual({
        valid: false,
        rule: ResidentIdRule.CHECK_CHARACTER,
        message: "Check character at position 18 should be 'X', got '1'",
        position: 18,
        expected: 'X',
        actual: '1',
        violations: [expect.objectContaining({ rule: ResidentIdRule.CHECK_CHARACTER })],
      });
    });

    it('catches two swapped digits', () => {
      expect(validateResidentId('440524188010010014', { now: NOW })).toMatchObject({
        rule: ResidentIdRule.CHECK_CHARACTER,
        expected: '6',
        actual: '4',
      });
    });
  });

  it('lists every broken rule after length and charset', () => {
    const check = expectInvalid(validateResidentId('992102202613010011', { now: NOW }));
    expect(check.violations.map((violation) => violation.rule)).toEqual([
      ResidentIdRule.ADDRESS_CODE,
      ResidentIdRule.BIRTH_DATE,
      ResidentIdRule.CHECK_CHARACTER,
    ]);
  });
});

describe('normalizeResidentId', () => {
  it('trims, converts full width and upper-cases the x', () => {
    expect(normalizeResidentId(' １１０１０５１９４９１２３１００２ｘ\u3000')).toBe('11010519491231002X');
  });
});

describe('generateResidentId', () => {
  it('builds the GB 11643-1999 example from its parts', () => {
    expect(generateResidentId({ divisionCode: '110105', birthDate: '1949-12-31', sequence: 2, sex: 'female' })).toBe(
      '11010519491231002X',
    );
  });

  it('builds a number in 鞍山市铁东区 that validates and decodes back', () => {
    const residentId = generateResidentId({ divisionCode: '210302', birthDate: '19900517', sequence: 2 });
    expect(residentId).toBe('210302199005170025');
    expect(validateResidentId(residentId, { now: NOW })).toMatchObject({
      valid: true,
      addressCode: '210302',
      birthDate: '1990-05-17',
      sequenceCode: '002',
      sex: 'female',
    });
  });

  it('produces valid numbers across sequences, both sexes', () => {
    for (let sequence = 0; sequence <= 999; sequence += 37) {
      const residentId = generateResidentId({ divisionCode: '211302', birthDate: '1985-03-01', sequence });
      expect(validateResidentId(residentId, { now: NOW })).toMatchObject({
        valid: true,
        sex: sequence % 2 === 1 ? 'male' : 'female',
      });
    }
  });

  it.each([
    [{ divisionCode: '21030', birthDate: '1990-05-17', sequence: 1 }, 'six-digit division code'],
    [{ divisionCode: '990000', birthDate: '1990-05-17', sequence: 1 }, 'six-digit division code'],
    [{ divisionCode: '210302', birthDate: '1990-02-30', sequence: 1 }, 'not a real date'],
    [{ divisionCode: '210302', birthDate: '90-05-17', sequence: 1 }, 'not a real date'],
    [{ divisionCode: '210302', birthDate: '1990-05-17', sequence: 1000 }, 'from 0 to 999'],
    [{ divisionCode: '210302', birthDate: '1990-05-17', sequence: 1.5 }, 'from 0 to 999'],
    [{ divisionCode: '210302', birthDate: '1990-05-17', sequence: 2, sex: 'male' as const }, 'encodes female, not male'],
  ])('rejects %o (%s)', (spec, message) => {
    expect(() => generateResidentId(spec)).toThrow(message);
  });
});

describe('maskResidentId', () => {
  it('keeps the first 3 and last 4 characters', () => {
    expect(maskResidentId('21030219900517123X')).toBe('210***********123X');
  });

  it('shows a trailing x as X', () => {
    expect(maskResidentId('11010519491231002x')).toBe('110***********002X');
  });

  it('masks short inputs entirely', () => {
    expect(maskResidentId('1234567')).toBe('*******');
    expect(maskResidentId('')).toBe('');
  });

  it('keeps the proportions of other lengths', () => {
    expect(maskResidentId('12345678')).toBe('123*5678');
  });
});
