import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  computeUsccCheckCharacter,
  normalizeUscc,
  USCC_WEIGHTS,
  usccCategoryToOrganizationType,
  usccCharacterValue,
  UsccRule,
  validateUscc,
  type InvalidUscc,
  type UsccCheck,
  type ValidUscc,
} from './uscc';
import { REGISTRATION_DEPARTMENTS } from './uscc-departments';

/** Real foundations registered by 辽宁省民政厅 (public foundation catalogue, 2017). */
const FOUNDATIONS_TSV = join(__dirname, '..', '..', '..', 'sample-data', 'liaoning-foundations.tsv');

interface FoundationRecord {
  readonly uscc: string;
  readonly name: string;
}

function readFoundations(): FoundationRecord[] {
  const [header, ...rows] = readFileSync(FOUNDATIONS_TSV, 'utf8').trim().split('\n');
  expect(header).toBe('uscc\tname\tsource');
  return rows.map((row) => {
    const [uscc = '', name = ''] = row.split('\t');
    return { uscc, name };
  });
}

function expectValid(check: UsccCheck): ValidUscc {
  if (!check.valid) {
    throw new Error(`expected a valid USCC, got ${check.rule}: ${check.message}`);
  }
  return check;
}

function expectInvalid(check: UsccCheck): InvalidUscc {
  if (check.valid) {
    throw new Error(`expected an invalid USCC, got valid ${check.uscc}`);
  }
  return check;
}

function rulesOf(check: UsccCheck): UsccRule[] {
  return expectInvalid(check).violations.map((violation) => violation.rule);
}

/*
 * Hand-computed vector. Body 5 1 2 1 0 3 1 1 | 1 2 3 4 5 6 7 8 8
 * (civil affairs, social group, 210311 千山区, organization code 12345678-8):
 *   values   5  1  2  1  0  3  1  1  1  2  3  4  5  6  7  8  8
 *   weights  1  3  9 27 19 26 16 17 20 29 25 13  8 24 10 30 28
 *   products 5  3 18 27  0 78 16 17 20 58 75 52 40 144 70 240 224   sum 1087
 *   1087 mod 31 = 2, 31 − 2 = 29 → USCC_CHARSET[29] = 'X'
 * Organization code 12345678: 1·3+2·7+3·9+4·10+5·5+6·8+7·4+8·2 = 201, 201 mod 11 = 3, 11 − 3 = 8.
 */
const SOCIAL_GROUP_QIANSHAN = '51210311123456788X';

describe('USCC_WEIGHTS', () => {
  it('are 3^(i-1) mod 31 for i = 1..17', () => {
    expect(USCC_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  });
});

describe('usccCharacterValue', () => {
  it.each([
    ['0', 0], ['9', 9], ['A', 10], ['H', 17], ['J', 18], ['N', 22], ['P', 23], ['R', 25], ['T', 26], ['Y', 30],
  ])('values %s as %i', (character, value) => {
    expect(usccCharacterValue(character)).toBe(value);
  });

  it.each(['I', 'O', 'S', 'V', 'Z', 'a', '-', '', '12'])('rejects %j', (character) => {
    expect(usccCharacterValue(character)).toBeNull();
  });
});

describe('computeUsccCheckCharacter', () => {
  it('computes the hand-worked example', () => {
    expect(computeUsccCheckCharacter('51210311123456788')).toBe('X');
  });

  it('writes the value 31 as 0 (sum divisible by 31)', () => {
    // A 1 at position 16 (weight 30) alone: sum 30, 31 − 30 = 1 → '1'.
    // Add a 1 at position 1 (weight 1): sum 31, 31 mod 31 = 0, 31 − 0 = 31 → written '0'.
    expect(computeUsccCheckCharacter('10000000000000010')).toBe('0');
    expect(computeUsccCheckCharacter('00000000000000010')).toBe('1');
  });

  it('rejects a body of the wrong length or with a foreign character', () => {
    expect(() => computeUsccCheckCharacter('5121031112345678')).toThrow(RangeError);
    expect(() => computeUsccCheckCharacter('5121031112345678I')).toThrow(RangeError);
  });
});

describe('validateUscc on the real Liaoning foundations', () => {
  const foundations = readFoundations();

  it('reads all 33 records', () => {
    expect(foundations).toHaveLength(33);
  });

  it.each(foundations.map((record) => [record.uscc, record.name]))('%s (%s) is valid', (uscc) => {
    const check = expectValid(validateUscc(uscc));
    expect(check).toMatchObject({
      uscc,
      registrationDepartment: { code: '5', name: '民政' },
      category: { code: '3', name: '基金会' },
      organizationType: 'foundation',
      divisionCode: '210000',
      division: { code: '210000', name: '辽宁省', level: 'province' },
      organizationCode: uscc.slice(8, 17),
      checkCharacter: uscc.slice(17),
    });
  });
});

describe('validateUscc on fictional vectors', () => {
  it('decodes the hand-computed social group in 千山区', () => {
    expect(validateUscc(SOCIAL_GROUP_QIANSHAN)).toEqual({
      valid: true,
      uscc: SOCIAL_GROUP_QIANSHAN,
      registrationDepartment: { code: '5', name: '民政' },
      category: { code: '1', name: '社会团体' },
      organizationType: 'social_group',
      divisionCode: '210311',
      division: { code: '210311', name: '千山区', level: 'county', parentCode: '210300' },
      organizationCode: '123456788',
      checkCharacter: 'X',
    });
  });

  it('resolves a historical division code (210122 辽中县) to its successor', () => {
    const check = expectValid(validateUscc('52210122123456788E'));
    expect(check.organizationType).toBe('private_non_enterprise');
    expect(check.divisionCode).toBe('210122');
    expect(check.division).toMatchObject({
      code: '210115',
      name: '辽中区',
      viaAlias: { historicalCode: '210122', historicalName: '辽中县' },
    });
  });

  it('accepts organization codes whose GB 11714 check character is X or 0', () => {
    expect(validateUscc('52210311MJ28312290').valid).toBe(true);
    expect(validateUscc('532111210000000002')).toMatchObject({
      valid: true,
      organizationCode: '000000000',
      division: { code: '211104', viaAlias: { historicalCode: '211121' } },
    });
  });

  it('accepts national registration (division 100000) with no Liaoning division', () => {
    expect(validateUscc('53100000123456788F')).toMatchObject({ valid: true, divisionCode: '100000', division: null });
  });

  it("accepts another province's well-formed division code with no Liaoning division", () => {
    expect(validateUscc('511101051234567887')).toMatchObject({ valid: true, divisionCode: '110105', division: null });
  });
});

describe('validateUscc rule LENGTH', () => {
  it.each([
    ['', 0],
    ['51210311123456788', 17],
    ['51210311123456788XX', 19],
  ])('rejects %j (%i characters)', (input, length) => {
    expect(validateUscc(input)).toEqual({
      valid: false,
      rule: UsccRule.LENGTH,
      message: `A USCC has 18 characters, got ${String(length)}`,
      expected: '18',
      actual: String(length),
      violations: [expect.objectContaining({ rule: UsccRule.LENGTH })],
      parts: null,
    });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(validateUscc('51210311123456788😀')).toMatchObject({ rule: UsccRule.CHARSET, position: 18 });
  });

  it('does not trim the raw string', () => {
    expect(validateUscc(` ${SOCIAL_GROUP_QIANSHAN}`)).toMatchObject({ rule: UsccRule.LENGTH, actual: '19' });
  });
});

describe('validateUscc rule CHARSET', () => {
  it('reports each lower-case letter with its position and a hint', () => {
    const check = expectInvalid(validateUscc('53210000mj2831229F'));
    expect(check).toMatchObject({ rule: UsccRule.CHARSET, position: 9, actual: 'm', parts: null });
    expect(check.message).toBe("Character 'm' at position 9 is not allowed; letters must be upper case");
    expect(check.violations.map((violation) => violation.position)).toEqual([9, 10]);
  });

  it.each([
    ['I', '5I2103111234567880', 2],
    ['O', '51210311O23456788X', 9],
    ['S', '51210311123456788S', 18],
    ['V', 'V1210311123456788X', 1],
    ['Z', '512103111234567Z8X', 16],
  ])('rejects the excluded letter %s', (letter, input, position) => {
    expect(validateUscc(input)).toMatchObject({ rule: UsccRule.CHARSET, position, actual: letter });
  });

  it('names invisible or full-width characters by code point', () => {
    const check = expectInvalid(validateUscc('５1210311123456788X'));
    expect(check.message).toContain('(U+FF15)');
  });
});

describe('normalizeUscc and the normalize option', () => {
  it('trims, converts full-width characters and upper-cases', () => {
    expect(normalizeUscc('\u3000５３２１００００ｍｊ2831229f \n')).toBe('53210000MJ2831229F');
  });

  it('leaves wrong characters wrong', () => {
    expect(normalizeUscc('53210000-J2831229F')).toBe('53210000-J2831229F');
  });

  it('is applied by validateUscc only when asked', () => {
    expect(validateUscc(' 53210000mj2831229f ').valid).toBe(false);
    expect(validateUscc(' 53210000mj2831229f ', { normalize: true })).toMatchObject({
      valid: true,
      uscc: '53210000MJ2831229F',
    });
  });
});

describe('validateUscc rule REGISTRATION_DEPARTMENT', () => {
  it('rejects department B (check character recomputed, so only this rule fails)', () => {
    expect(validateUscc('B1210000123456788A')).toMatchObject({
      valid: false,
      rule: UsccRule.REGISTRATION_DEPARTMENT,
      position: 1,
      actual: 'B',
      expected: '123456789ANY',
      violations: [expect.objectContaining({ rule: UsccRule.REGISTRATION_DEPARTMENT })],
      parts: { registrationDepartmentCode: 'B', categoryCode: '1', divisionCode: '210000' },
    });
  });

  it('lists every department of the code table once', () => {
    expect(REGISTRATION_DEPARTMENTS.map((department) => department.code)).toEqual([
      '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y',
    ]);
  });
});

describe('validateUscc rule CATEGORY', () => {
  it('rejects civil-affairs category 4, listing the categories of department 5', () => {
    expect(validateUscc('542100001234567887')).toMatchObject({
      rule: UsccRule.CATEGORY,
      position: 2,
      actual: '4',
      expected: '1239',
      violations: [expect.objectContaining({ rule: UsccRule.CATEGORY })],
    });
  });

  it('rejects category 9 for 工商, which has 1, 2 and 3 only', () => {
    expect(validateUscc('99210000123456788K')).toMatchObject({ rule: UsccRule.CATEGORY, expected: '123' });
  });
});

describe('validateUscc rule DIVISION', () => {
  it.each([
    ['51219999123456788U', 'is not a current or historical Liaoning division'],
    ['512101011234567884', 'is not a current or historical Liaoning division'],
    ['51990000123456788G', "does not start with a province code (got '99')"],
    ['512101A1123456788Y', 'is not six digits'],
  ])('rejects %s: division %s', (uscc, reason) => {
    const check = expectInvalid(validateUscc(uscc));
    expect(check).toMatchObject({ rule: UsccRule.DIVISION, position: 3, actual: uscc.slice(2, 8) });
    expect(check.message).toBe(`Division code '${uscc.slice(2, 8)}' at positions 3-8 ${reason}`);
    expect(check.violations).toHaveLength(1);
  });
});

describe('validateUscc rule ORGANIZATION_CODE_CHECK', () => {
  it('reports the GB 11714 check character at position 17 when only it is wrong', () => {
    expect(validateUscc('51210311123456787T')).toMatchObject({
      rule: UsccRule.ORGANIZATION_CODE_CHECK,
      position: 17,
      expected: '8',
      actual: '7',
      violations: [expect.objectContaining({ rule: UsccRule.ORGANIZATION_CODE_CHECK })],
      parts: { organizationCode: '123456787', checkCharacter: 'T' },
    });
  });
});

describe('validateUscc rule CHECK_CHARACTER', () => {
  it('reports expected and actual check character of a mistyped real code', () => {
    expect(validateUscc('53210000MJ2831229G')).toEqual({
      valid: false,
      rule: UsccRule.CHECK_CHARACTER,
      message: "Check character at position 18 should be 'F', got 'G'",
      position: 18,
      expected: 'F',
      actual: 'G',
      violations: [expect.objectContaining({ rule: UsccRule.CHECK_CHARACTER })],
      parts: {
        registrationDepartmentCode: '5',
        categoryCode: '3',
        divisionCode: '210000',
        organizationCode: 'MJ2831229',
        checkCharacter: 'G',
      },
    });
  });

  it('catches two swapped characters of a real code', () => {
    // 532100006994174238 with positions 11 and 12 swapped ('94' → '49'); the GB 11714 sub-check fails too.
    expect(rulesOf(validateUscc('532100006949174238'))).toEqual([
      UsccRule.ORGANIZATION_CODE_CHECK,
      UsccRule.CHECK_CHARACTER,
    ]);
  });
});

describe('validateUscc with several broken rules', () => {
  it('reports the first in check order and lists all of them', () => {
    const check = expectInvalid(validateUscc('B1219999123456787X'));
    expect(check.rule).toBe(UsccRule.REGISTRATION_DEPARTMENT);
    expect(rulesOf(check)).toEqual([
      UsccRule.REGISTRATION_DEPARTMENT,
      UsccRule.DIVISION,
      UsccRule.ORGANIZATION_CODE_CHECK,
      UsccRule.CHECK_CHARACTER,
    ]);
  });
});

describe('usccCategoryToOrganizationType', () => {
  it.each([
    ['1', 'social_group'],
    ['2', 'private_non_enterprise'],
    ['3', 'foundation'],
  ] as const)('maps civil-affairs category %s to %s', (category, type) => {
    expect(usccCategoryToOrganizationType(category, '5')).toBe(type);
  });

  it('gives null for civil-affairs category 9 (其他) and unknown categories', () => {
    expect(usccCategoryToOrganizationType('9', '5')).toBeNull();
    expect(usccCategoryToOrganizationType('4', '5')).toBeNull();
  });

  it('gives null for other departments, e.g. 9 工商 category 1 (企业)', () => {
    expect(usccCategoryToOrganizationType('1', '9')).toBeNull();
    expect(usccCategoryToOrganizationType('3', '1')).toBeNull();
  });
});
