import { codePoints, describeCharacter, toHalfWidthAscii } from './code-input';
import { isProvinceCodePrefix, LIAONING_PROVINCE_CODE, resolveDivisionCode, type ResolvedDivision } from './divisions';
import { computeOrganizationCodeCheckCharacter } from './gb11714';
import { REGISTRATION_DEPARTMENTS, type RegistrationDepartmentEntry, type UsccCodeEntry } from './uscc-departments';

/**
 * Unified Social Credit Code (统一社会信用代码, USCC) per GB 32100-2015
 * «法人和其他组织统一社会信用代码编码规则».
 *
 * 18 characters, positions numbered 1–18 as in the standard:
 * | position | part |
 * |---|---|
 * | 1 | registration department code (登记管理部门代码) |
 * | 2 | category code (机构类别代码), meaning depends on position 1 |
 * | 3–8 | division code of the registering authority (登记管理机关行政区划码, GB/T 2260) |
 * | 9–17 | organization code (主体标识码, GB 11714), position 17 its own check character |
 * | 18 | check character (校验码, ISO 7064 style, modulus 31) |
 */

/** Number of characters of a USCC (GB 32100-2015, 代码结构). */
export const USCC_LENGTH = 18;

/**
 * The USCC character set in value order: digits and upper-case Latin letters except
 * I, O, S, V, Z. The index of a character is its value 0–30 (GB 32100-2015, 代码字符集).
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights 3^(i−1) mod 31 for positions i = 1…17 (GB 32100-2015, 校验码计算方法). */
export const USCC_WEIGHTS: readonly number[] = Array.from({ length: USCC_LENGTH - 1 }, (_, index) => 3 ** index % 31);

/**
 * Division code of national-level registration (e.g. by 民政部) in positions 3–8, in place of a
 * GB/T 2260 code (GB 32100-2015, 登记管理机关行政区划码: 国家用 100000).
 */
export const NATIONAL_DIVISION_CODE = '100000';

/** Registration department code of civil affairs (民政), which registers social organizations. */
export const CIVIL_AFFAIRS_DEPARTMENT_CODE = '5';

const MODULUS = 31;
const DIVISION_START = 3;
const ORGANIZATION_CODE_START = 9;
const ORGANIZATION_CODE_CHECK_POSITION = 17;
const CHECK_POSITION = 18;

/** Rules a USCC can fail, as stable UPPER_SNAKE identifiers, in the order they are checked. */
export const UsccRule = {
  /** Not 18 characters. */
  LENGTH: 'LENGTH',
  /** A character outside {@link USCC_CHARSET} (lower case, I/O/S/V/Z, punctuation, full width …). */
  CHARSET: 'CHARSET',
  /** Position 1 is not a known registration department. */
  REGISTRATION_DEPARTMENT: 'REGISTRATION_DEPARTMENT',
  /** Position 2 is not a category of that department. */
  CATEGORY: 'CATEGORY',
  /** Positions 3–8 are not a known division code. */
  DIVISION: 'DIVISION',
  /** Position 17 is not the GB 11714 check character of positions 9–16. */
  ORGANIZATION_CODE_CHECK: 'ORGANIZATION_CODE_CHECK',
  /** Position 18 is not the check character of positions 1–17. */
  CHECK_CHARACTER: 'CHECK_CHARACTER',
} as const;

/** One of {@link UsccRule}. */
export type UsccRule = (typeof UsccRule)[keyof typeof UsccRule];

/** Kind of social organization, derived from a civil-affairs USCC's category code. */
export type OrganizationType = 'social_group' | 'private_non_enterprise' | 'foundation';

const CIVIL_AFFAIRS_ORGANIZATION_TYPES: ReadonlyMap<string, OrganizationType> = new Map([
  ['1', 'social_group'],
  ['2', 'private_non_enterprise'],
  ['3', 'foundation'],
]);

/** The five parts of an 18-character USCC, cut at the positions of GB 32100-2015. */
export interface UsccParts {
  /** Position 1. */
  readonly registrationDepartmentCode: string;
  /** Position 2. */
  readonly categoryCode: string;
  /** Positions 3–8. */
  readonly divisionCode: string;
  /** Positions 9–17, GB 11714 organization code (its check character included). */
  readonly organizationCode: string;
  /** Position 18. */
  readonly checkCharacter: string;
}

/** A USCC that satisfies every rule, with its parts decoded. */
export interface ValidUscc {
  readonly valid: true;
  readonly uscc: string;
  readonly registrationDepartment: UsccCodeEntry;
  readonly category: UsccCodeEntry;
  /** `null` unless the department is civil affairs and the category is 1, 2 or 3. */
  readonly organizationType: OrganizationType | null;
  /** Positions 3–8 as written in the USCC (possibly a historical code). */
  readonly divisionCode: string;
  /** The current Liaoning division for a Liaoning code (via alias for historical codes); `null` for national or other provinces' codes. */
  readonly division: ResolvedDivision | null;
  readonly organizationCode: string;
  readonly checkCharacter: string;
}

/** One broken rule. `position` is 1-based, as in GB 32100-2015 (the first of the span for the division). */
export interface UsccViolation {
  readonly rule: UsccRule;
  readonly message: string;
  readonly position?: number;
  readonly expected?: string;
  readonly actual?: string;
}

/**
 * A USCC that breaks at least one rule. The top-level fields describe the first violation in
 * check order; `violations` lists all of them (length and charset failures stop the checks,
 * the others are all evaluated, so an importer can tell «only the GB 11714 sub-check fails»).
 */
export interface InvalidUscc extends UsccViolation {
  readonly valid: false;
  readonly violations: readonly [UsccViolation, ...UsccViolation[]];
  /** The decoded parts when length and charset were right, else `null`. */
  readonly parts: UsccParts | null;
}

/** Result of {@link validateUscc}. */
export type UsccCheck = ValidUscc | InvalidUscc;

/** Options of {@link validateUscc}. */
export interface UsccValidationOptions {
  /** Apply {@link normalizeUscc} before checking. Default `false`: the raw string is checked. */
  readonly normalize?: boolean;
}

/**
 * Cleans up a USCC as typed by a person: trims white space (ideographic space included),
 * turns full-width letters and digits into ASCII, and upper-cases. Nothing else is changed,
 * so a wrong character stays wrong and is reported by {@link validateUscc}.
 */
export function normalizeUscc(input: string): string {
  return toHalfWidthAscii(input).trim().toUpperCase();
}

/** Value 0–30 of a USCC character, or `null` outside {@link USCC_CHARSET} (GB 32100-2015, 代码字符集). */
export function usccCharacterValue(character: string): number | null {
  const value = character.length === 1 ? USCC_CHARSET.indexOf(character) : -1;
  return value >= 0 ? value : null;
}

/**
 * Computes the check character (position 18) of the first 17 characters
 * (GB 32100-2015, 校验码计算方法): C18 = 31 − (Σ Ci·Wi mod 31) with Wi = 3^(i−1) mod 31,
 * the value 31 written as `0`; the value is then written with {@link USCC_CHARSET}.
 *
 * @throws RangeError when `body` is not 17 characters of {@link USCC_CHARSET}.
 */
export function computeUsccCheckCharacter(body: string): string {
  if (body.length !== USCC_WEIGHTS.length) {
    throw new RangeError(`A USCC body has ${String(USCC_WEIGHTS.length)} characters, got ${String(body.length)}`);
  }
  const sum = USCC_WEIGHTS.reduce((total, weight, index) => {
    const value = usccCharacterValue(body.charAt(index));
    if (value === null) {
      throw new RangeError(`Character '${body.charAt(index)}' at position ${String(index + 1)} is not a USCC character`);
    }
    return total + value * weight;
  }, 0);
  return USCC_CHARSET.charAt((MODULUS - (sum % MODULUS)) % MODULUS);
}

/**
 * The organization type of a USCC's category (position 2), given its registration department
 * (position 1): for civil affairs (5), 1 → `social_group` (社会团体), 2 → `private_non_enterprise`
 * (民办非企业单位), 3 → `foundation` (基金会) (GB 32100-2015, 机构类别代码). Every other
 * combination, 5/9 其他 included, gives `null`.
 */
export function usccCategoryToOrganizationType(
  categoryCode: string,
  registrationDepartmentCode: string,
): OrganizationType | null {
  if (registrationDepartmentCode !== CIVIL_AFFAIRS_DEPARTMENT_CODE) {
    return null;
  }
  return CIVIL_AFFAIRS_ORGANIZATION_TYPES.get(categoryCode) ?? null;
}

/**
 * Checks a USCC against GB 32100-2015, rule by rule ({@link UsccRule}): length (18),
 * character set, registration department (position 1), category for that department
 * (position 2), division code (positions 3–8: a current or historical Liaoning code, 100000 for
 * national registration, or any six digits under another GB/T 2260 province), the GB 11714
 * check of the organization code (position 17), and the check character (position 18).
 *
 * The raw string is checked unless `options.normalize` is set (see {@link normalizeUscc}).
 * Registry data is authoritative: a real code failing only `ORGANIZATION_CODE_CHECK` is a
 * warning for an importer, not a reason to drop the record.
 */
export function validateUscc(input: string, options: UsccValidationOptions = {}): UsccCheck {
  const uscc = options.normalize === true ? normalizeUscc(input) : input;
  const shapeViolations = checkShape(uscc);
  if (shapeViolations.length > 0) {
    return invalid(shapeViolations, null);
  }
  const parts = splitUscc(uscc);
  const department = REGISTRATION_DEPARTMENTS.find((entry) => entry.code === parts.registrationDepartmentCode);
  const category = department?.categories.find((entry) => entry.code === parts.categoryCode);
  const violations = [
    ...checkRegistrationDepartment(parts, department),
    ...checkCategory(parts, department, category),
    ...checkDivision(parts.divisionCode),
    ...checkOrganizationCode(parts.organizationCode),
    ...checkCheckCharacter(uscc),
  ];
  if (violations.length > 0 || department === undefined || category === undefined) {
    return invalid(violations, parts);
  }
  return {
    valid: true,
    uscc,
    registrationDepartment: { code: department.code, name: department.name },
    category,
    organizationType: usccCategoryToOrganizationType(category.code, department.code),
    divisionCode: parts.divisionCode,
    division: resolveDivisionCode(parts.divisionCode),
    organizationCode: parts.organizationCode,
    checkCharacter: parts.checkCharacter,
  };
}

function invalid(violations: readonly UsccViolation[], parts: UsccParts | null): InvalidUscc {
  const [first, ...rest] = violations;
  if (first === undefined) {
    throw new Error('invalid() needs at least one violation');
  }
  return { valid: false, ...first, violations: [first, ...rest], parts };
}

function splitUscc(uscc: string): UsccParts {
  return {
    registrationDepartmentCode: uscc.charAt(0),
    categoryCode: uscc.charAt(1),
    divisionCode: uscc.slice(DIVISION_START - 1, ORGANIZATION_CODE_START - 1),
    organizationCode: uscc.slice(ORGANIZATION_CODE_START - 1, CHECK_POSITION - 1),
    checkCharacter: uscc.charAt(CHECK_POSITION - 1),
  };
}

function checkShape(uscc: string): UsccViolation[] {
  const characters = codePoints(uscc);
  if (characters.length !== USCC_LENGTH) {
    return [
      {
        rule: UsccRule.LENGTH,
        message: `A USCC has ${String(USCC_LENGTH)} characters, got ${String(characters.length)}`,
        expected: String(USCC_LENGTH),
        actual: String(characters.length),
      },
    ];
  }
  return characters.flatMap((character, index) =>
    usccCharacterValue(character) === null ? [charsetViolation(character, index + 1)] : [],
  );
}

function charsetViolation(character: string, position: number): UsccViolation {
  const upper = character.toUpperCase();
  const hint = upper !== character && usccCharacterValue(upper) !== null
    ? '; letters must be upper case'
    : ' (allowed: 0-9 and A-Z except I, O, S, V, Z)';
  return {
    rule: UsccRule.CHARSET,
    message: `Character ${describeCharacter(character)} at position ${String(position)} is not allowed${hint}`,
    position,
    actual: character,
  };
}

function checkRegistrationDepartment(
  parts: UsccParts,
  department: RegistrationDepartmentEntry | undefined,
): UsccViolation[] {
  if (department !== undefined) {
    return [];
  }
  return [
    {
      rule: UsccRule.REGISTRATION_DEPARTMENT,
      message: `'${parts.registrationDepartmentCode}' at position 1 is not a registration department code`,
      position: 1,
      expected: REGISTRATION_DEPARTMENTS.map((entry) => entry.code).join(''),
      actual: parts.registrationDepartmentCode,
    },
  ];
}

function checkCategory(
  parts: UsccParts,
  department: RegistrationDepartmentEntry | undefined,
  category: UsccCodeEntry | undefined,
): UsccViolation[] {
  if (department === undefined || category !== undefined) {
    return [];
  }
  return [
    {
      rule: UsccRule.CATEGORY,
      message: `'${parts.categoryCode}' at position 2 is not a category of registration department ${department.code} (${department.name})`,
      position: 2,
      expected: department.categories.map((entry) => entry.code).join(''),
      actual: parts.categoryCode,
    },
  ];
}

function checkDivision(divisionCode: string): UsccViolation[] {
  const reason = divisionProblem(divisionCode);
  if (reason === null) {
    return [];
  }
  return [
    {
      rule: UsccRule.DIVISION,
      message: `Division code '${divisionCode}' at positions 3-8 ${reason}`,
      position: DIVISION_START,
      actual: divisionCode,
    },
  ];
}

function divisionProblem(divisionCode: string): string | null {
  if (!/^\d{6}$/.test(divisionCode)) {
    return 'is not six digits';
  }
  if (divisionCode === NATIONAL_DIVISION_CODE) {
    return null;
  }
  const prefix = divisionCode.slice(0, 2);
  if (prefix === LIAONING_PROVINCE_CODE.slice(0, 2)) {
    return resolveDivisionCode(divisionCode) === null ? 'is not a current or historical Liaoning division' : null;
  }
  return isProvinceCodePrefix(prefix) ? null : `does not start with a province code (got '${prefix}')`;
}

function checkOrganizationCode(organizationCode: string): UsccViolation[] {
  const actual = organizationCode.charAt(organizationCode.length - 1);
  const expected = computeOrganizationCodeCheckCharacter(organizationCode.slice(0, -1));
  if (expected === actual) {
    return [];
  }
  return [
    {
      rule: UsccRule.ORGANIZATION_CODE_CHECK,
      message: `Organization code check character at position ${String(ORGANIZATION_CODE_CHECK_POSITION)} should be '${expected}' (GB 11714), got '${actual}'`,
      position: ORGANIZATION_CODE_CHECK_POSITION,
      expected,
      actual,
    },
  ];
}

function checkCheckCharacter(uscc: string): UsccViolation[] {
  const actual = uscc.charAt(CHECK_POSITION - 1);
  const expected = computeUsccCheckCharacter(uscc.slice(0, CHECK_POSITION - 1));
  if (expected === actual) {
    return [];
  }
  return [
    {
      rule: UsccRule.CHECK_CHARACTER,
      message: `Check character at position ${String(CHECK_POSITION)} should be '${expected}', got '${actual}'`,
      position: CHECK_POSITION,
      expected,
      actual,
    },
  ];
}
