import {
  computeOrganizationCodeCheckCharacter,
  ORGANIZATION_CODE_WEIGHTS,
  organizationCodeCharacterValue,
  OrganizationCodeRule,
  validateOrganizationCode,
} from './gb11714';

describe('organizationCodeCharacterValue', () => {
  it.each([
    ['0', 0], ['7', 7], ['A', 10], ['I', 18], ['O', 24], ['Z', 35],
  ])('values %s as %i', (character, value) => {
    expect(organizationCodeCharacterValue(character)).toBe(value);
  });

  it.each(['a', '-', ' ', '', 'AB', 'Ａ'])('rejects %j', (character) => {
    expect(organizationCodeCharacterValue(character)).toBeNull();
  });
});

describe('computeOrganizationCodeCheckCharacter', () => {
  it('uses the weights 3,7,9,10,5,8,4,2', () => {
    expect(ORGANIZATION_CODE_WEIGHTS).toEqual([3, 7, 9, 10, 5, 8, 4, 2]);
  });

  // Each vector worked by hand: sum of value × weight, then 11 − (sum mod 11).
  it.each([
    // 1·3+2·7+3·9+4·10+5·5+6·8+7·4+8·2 = 201; 201 mod 11 = 3; 11 − 3 = 8
    ['12345678', '8'],
    // 6·2 = 12; 12 mod 11 = 1; 11 − 1 = 10 → X
    ['00000006', 'X'],
    // sum 0; 11 − 0 = 11 → 0
    ['00000000', '0'],
    // A = 10: 10·3 = 30; 30 mod 11 = 8; 11 − 8 = 3
    ['A0000000', '3'],
    // M = 22, J = 19: 66+133+18+80+15+8+8+4 = 332; 332 mod 11 = 2; 11 − 2 = 9 (real: 53210000MJ2831229F)
    ['MJ283122', '9'],
  ])('computes the check character of %s as %s', (body, check) => {
    expect(computeOrganizationCodeCheckCharacter(body)).toBe(check);
  });

  it('rejects a body of the wrong length or with a lower-case letter', () => {
    expect(() => computeOrganizationCodeCheckCharacter('1234567')).toThrow(RangeError);
    expect(() => computeOrganizationCodeCheckCharacter('1234567a')).toThrow(
      "Character 'a' at position 8 is not 0-9 or A-Z",
    );
  });
});

describe('validateOrganizationCode', () => {
  it('accepts a correct code', () => {
    expect(validateOrganizationCode('123456788')).toEqual({
      valid: true,
      organizationCode: '123456788',
      body: '12345678',
      checkCharacter: '8',
    });
    expect(validateOrganizationCode('00000006X').valid).toBe(true);
  });

  it('rejects a wrong check character with expected and actual', () => {
    expect(validateOrganizationCode('123456787')).toEqual({
      valid: false,
      rule: OrganizationCodeRule.CHECK_CHARACTER,
      message: "Check character should be '8', got '7'",
      position: 9,
      expected: '8',
      actual: '7',
    });
  });

  it('rejects the hyphenated display form by length', () => {
    expect(validateOrganizationCode('12345678-8')).toMatchObject({
      rule: OrganizationCodeRule.LENGTH,
      expected: '9',
      actual: '10',
    });
  });

  it('rejects a body character outside 0-9/A-Z with its position', () => {
    expect(validateOrganizationCode('1234a6788')).toMatchObject({
      rule: OrganizationCodeRule.CHARSET,
      position: 5,
      actual: 'a',
    });
  });

  it('rejects a check character other than 0-9 or X', () => {
    expect(validateOrganizationCode('12345678A')).toMatchObject({
      rule: OrganizationCodeRule.CHARSET,
      position: 9,
      actual: 'A',
    });
  });
});
