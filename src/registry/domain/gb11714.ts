/**
 * Organization code (组织机构代码) per GB 11714-1997 «全国组织机构代码编制规则».
 *
 * A code is 8 body characters plus 1 check character. GB 32100-2015 re-uses it verbatim as
 * positions 9–17 of the USCC (主体标识码).
 */

/** Number of characters of an organization code, check character included (GB 11714-1997 §2.1). */
export const ORGANIZATION_CODE_LENGTH = 9;

/** Number of body characters (本体代码) before the check character (GB 11714-1997 §2.1). */
export const ORGANIZATION_CODE_BODY_LENGTH = 8;

/** Weighting factors W1…W8 of the check character formula (GB 11714-1997 §2.1.2). */
export const ORGANIZATION_CODE_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

const MODULUS = 11;
const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Rules an organization code can fail, as stable UPPER_SNAKE identifiers. */
export const OrganizationCodeRule = {
  /** Not exactly 9 characters. */
  LENGTH: 'LENGTH',
  /** A body character outside 0–9/A–Z, or a check character outside 0–9/X. */
  CHARSET: 'CHARSET',
  /** The 9th character differs from the one computed from the body. */
  CHECK_CHARACTER: 'CHECK_CHARACTER',
} as const;

/** One of {@link OrganizationCodeRule}. */
export type OrganizationCodeRule = (typeof OrganizationCodeRule)[keyof typeof OrganizationCodeRule];

/** A well-formed organization code. */
export interface ValidOrganizationCode {
  readonly valid: true;
  /** The 9 characters, without hyphen. */
  readonly organizationCode: string;
  readonly body: string;
  readonly checkCharacter: string;
}

/** Why an organization code is not well-formed. Positions are 1-based within the 9 characters. */
export interface InvalidOrganizationCode {
  readonly valid: false;
  readonly rule: OrganizationCodeRule;
  readonly message: string;
  readonly position?: number;
  readonly expected?: string;
  readonly actual?: string;
}

/** Result of {@link validateOrganizationCode}. */
export type OrganizationCodeCheck = ValidOrganizationCode | InvalidOrganizationCode;

/**
 * Value of one body character: `0`–`9` → 0–9, `A`–`Z` → 10–35 (GB 11714-1997 附录A 代码字符集).
 * Returns `null` for any other character (lower case included).
 */
export function organizationCodeCharacterValue(character: string): number | null {
  if (character.length !== 1) {
    return null;
  }
  const digit = DIGITS.indexOf(character);
  if (digit >= 0) {
    return digit;
  }
  const letter = LETTERS.indexOf(character);
  return letter >= 0 ? 10 + letter : null;
}

/**
 * Computes the check character C9 of an 8-character body (GB 11714-1997 §2.1.2):
 * C9 = 11 − (Σ Ci·Wi mod 11); the value 10 is written `X` and the value 11 is written `0`.
 *
 * @throws RangeError when `body` is not 8 characters of 0–9/A–Z.
 */
export function computeOrganizationCodeCheckCharacter(body: string): string {
  if (body.length !== ORGANIZATION_CODE_BODY_LENGTH) {
    throw new RangeError(
      `An organization code body has ${String(ORGANIZATION_CODE_BODY_LENGTH)} characters, got ${String(body.length)}`,
    );
  }
  const sum = ORGANIZATION_CODE_WEIGHTS.reduce((total, weight, index) => {
    const value = organizationCodeCharacterValue(body.charAt(index));
    if (value === null) {
      throw new RangeError(`Character '${body.charAt(index)}' at position ${String(index + 1)} is not 0-9 or A-Z`);
    }
    return total + value * weight;
  }, 0);
  const checkValue = MODULUS - (sum % MODULUS);
  if (checkValue === 10) {
    return 'X';
  }
  return checkValue === 11 ? '0' : String(checkValue);
}

/**
 * Checks a 9-character organization code (no hyphen) against GB 11714-1997 §2.1:
 * length, character set (附录A), then the check character (§2.1.2).
 * The input is checked as given: no trimming, no case folding.
 */
export function validateOrganizationCode(input: string): OrganizationCodeCheck {
  if (input.length !== ORGANIZATION_CODE_LENGTH) {
    return {
      valid: false,
      rule: OrganizationCodeRule.LENGTH,
      message: `An organization code has ${String(ORGANIZATION_CODE_LENGTH)} characters, got ${String(input.length)}`,
      expected: String(ORGANIZATION_CODE_LENGTH),
      actual: String(input.length),
    };
  }
  const body = input.slice(0, ORGANIZATION_CODE_BODY_LENGTH);
  const badBodyIndex = Array.from(body).findIndex((character) => organizationCodeCharacterValue(character) === null);
  if (badBodyIndex >= 0) {
    return {
      valid: false,
      rule: OrganizationCodeRule.CHARSET,
      message: `Character '${body.charAt(badBodyIndex)}' at position ${String(badBodyIndex + 1)} is not 0-9 or A-Z`,
      position: badBodyIndex + 1,
      actual: body.charAt(badBodyIndex),
    };
  }
  const checkCharacter = input.charAt(ORGANIZATION_CODE_BODY_LENGTH);
  if (!/^[0-9X]$/.test(checkCharacter)) {
    return {
      valid: false,
      rule: OrganizationCodeRule.CHARSET,
      message: `Check character '${checkCharacter}' at position ${String(ORGANIZATION_CODE_LENGTH)} is not 0-9 or X`,
      position: ORGANIZATION_CODE_LENGTH,
      actual: checkCharacter,
    };
  }
  const expected = computeOrganizationCodeCheckCharacter(body);
  if (expected !== checkCharacter) {
    return {
      valid: false,
      rule: OrganizationCodeRule.CHECK_CHARACTER,
      message: `Check character should be '${expected}', got '${checkCharacter}'`,
      position: ORGANIZATION_CODE_LENGTH,
      expected,
      actual: checkCharacter,
    };
  }
  return { valid: true, organizationCode: input, body, checkCharacter };
}
