import { codePoints, describeCharacter, toHalfWidthAscii } from './code-input';
import { isProvinceCodePrefix } from './divisions';

/**
 * Resident identity number (公民身份号码) per GB 11643-1999.
 *
 * 18 characters (§5.1): address code (positions 1–6, §5.2, a GB/T 2260 code), birth date
 * YYYYMMDD (7–14, §5.3), sequence code (15–17, §5.4: odd for men, even for women) and a check
 * character (18, §5.5: ISO 7064 MOD 11-2, `X` standing for 10).
 */

/** Number of characters of a resident identity number (GB 11643-1999 §5.1). */
export const RESIDENT_ID_LENGTH = 18;

/**
 * Weights of positions 1–17: Wi = 2^(18−i) mod 11, i.e. ISO 7064 MOD 11-2 with positions
 * counted from the right, the check character being position 1 (GB 11643-1999 §5.5.1).
 */
export const RESIDENT_ID_WEIGHTS: readonly number[] = Array.from(
  { length: RESIDENT_ID_LENGTH - 1 },
  (_, index) => 2 ** (RESIDENT_ID_LENGTH - 1 - index) % 11,
);

/** Check character for each value of (Σ ai·Wi) mod 11 (GB 11643-1999 §5.5.2). */
const CHECK_CHARACTERS = '10X98765432';

/**
 * Address-code prefixes outside GB/T 2260 that numbers legitimately carry: 83 is used for the
 * residence permits of Taiwan residents (港澳台居民居住证; Hong Kong and Macao use 81 and 82,
 * which are GB/T 2260 province-level codes).
 */
const RESIDENCE_PERMIT_PREFIXES: ReadonlySet<string> = new Set(['83']);

/** Earliest birth year accepted: a sanity bound of this service, not of the standard (whose own example is 1880). */
export const MIN_BIRTH_YEAR = 1800;

/** China Standard Time offset; «not in the future» is judged on the calendar in China. */
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

const BIRTH_DATE_START = 7;
const SEQUENCE_START = 15;
const CHECK_POSITION = 18;

/** Rules a resident identity number can fail, as stable UPPER_SNAKE identifiers, in check order. */
export const ResidentIdRule = {
  /** Not 18 characters. */
  LENGTH: 'LENGTH',
  /** Positions 1–17 not digits, or position 18 not a digit or X. */
  CHARSET: 'CHARSET',
  /** Positions 1–2 are not a province-level code. */
  ADDRESS_CODE: 'ADDRESS_CODE',
  /** Positions 7–14 are not a real date, or a date in the future or before {@link MIN_BIRTH_YEAR}. */
  BIRTH_DATE: 'BIRTH_DATE',
  /** Position 18 is not the check character of positions 1–17. */
  CHECK_CHARACTER: 'CHECK_CHARACTER',
} as const;

/** One of {@link ResidentIdRule}. */
export type ResidentIdRule = (typeof ResidentIdRule)[keyof typeof ResidentIdRule];

/** Sex encoded by the parity of the sequence code (GB 11643-1999 §5.4). */
export type Sex = 'male' | 'female';

/** A resident identity number that satisfies every rule, decoded. */
export interface ValidResidentId {
  readonly valid: true;
  /** The number with an upper-case `X`. */
  readonly residentId: string;
  readonly addressCode: string;
  /** ISO 8601 calendar date, `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly sequenceCode: string;
  readonly sex: Sex;
  readonly checkCharacter: string;
}

/** One broken rule; `position` is 1-based. */
export interface ResidentIdViolation {
  readonly rule: ResidentIdRule;
  readonly message: string;
  readonly position?: number;
  readonly expected?: string;
  readonly actual?: string;
}

/** A number that breaks at least one rule: the first violation, and all of them in `violations`. */
export interface InvalidResidentId extends ResidentIdViolation {
  readonly valid: false;
  readonly violations: readonly [ResidentIdViolation, ...ResidentIdViolation[]];
}

/** Result of {@link validateResidentId}. */
export type ResidentIdCheck = ValidResidentId | InvalidResidentId;

/** Options of {@link validateResidentId}. */
export interface ResidentIdValidationOptions {
  /** The moment «today» is taken from for the birth-date rule. Default: the current time. */
  readonly now?: Date;
  /** Apply {@link normalizeResidentId} first. Default `false` (a trailing lower-case `x` is accepted regardless). */
  readonly normalize?: boolean;
}

/** What {@link generateResidentId} builds a number from. */
export interface ResidentIdSpec {
  /** Six-digit address code (GB/T 2260), e.g. `210302`. */
  readonly divisionCode: string;
  /** `YYYY-MM-DD` or `YYYYMMDD`. */
  readonly birthDate: string;
  /** The three-digit sequence code as a number, 0–999. */
  readonly sequence: number;
  /** When given, must agree with the parity of `sequence` (odd for men, even for women). */
  readonly sex?: Sex;
}

/**
 * Cleans up a number as typed by a person: trims white space, turns full-width digits and
 * letters into ASCII, and upper-cases a trailing `x` (GB 11643-1999 writes the check value 10
 * as `X`).
 */
export function normalizeResidentId(input: string): string {
  return toHalfWidthAscii(input).trim().toUpperCase();
}

/**
 * Computes the check character of the first 17 digits (GB 11643-1999 §5.5):
 * (Σ ai·Wi) mod 11 indexes `1 0 X 9 8 7 6 5 4 3 2`.
 *
 * @throws RangeError when `body` is not 17 digits.
 */
export function computeResidentIdCheckCharacter(body: string): string {
  if (!/^\d{17}$/.test(body)) {
    throw new RangeError(`A resident ID body is 17 digits, got '${body}'`);
  }
  const sum = RESIDENT_ID_WEIGHTS.reduce((total, weight, index) => total + Number(body.charAt(index)) * weight, 0);
  return CHECK_CHARACTERS.charAt(sum % 11);
}

/**
 * Checks a resident identity number against GB 11643-1999, rule by rule
 * ({@link ResidentIdRule}): length 18, digits with a final digit or X (a lower-case `x` is
 * accepted and returned as `X`), a province-level address code, a real birth date that is not
 * after «today» in China (from `options.now`), and the check character.
 */
export function validateResidentId(input: string, options: ResidentIdValidationOptions = {}): ResidentIdCheck {
  const raw = options.normalize === true ? normalizeResidentId(input) : input;
  const residentId = raw.endsWith('x') ? `${raw.slice(0, -1)}X` : raw;
  const shapeViolations = checkShape(residentId);
  if (shapeViolations.length > 0) {
    return invalid(shapeViolations);
  }
  const birthDigits = residentId.slice(BIRTH_DATE_START - 1, SEQUENCE_START - 1);
  const violations = [
    ...checkAddressCode(residentId.slice(0, 2)),
    ...checkBirthDate(birthDigits, options.now ?? new Date()),
    ...checkCheckCharacter(residentId),
  ];
  if (violations.length > 0) {
    return invalid(violations);
  }
  const sequenceCode = residentId.slice(SEQUENCE_START - 1, CHECK_POSITION - 1);
  return {
    valid: true,
    residentId,
    addressCode: residentId.slice(0, BIRTH_DATE_START - 1),
    birthDate: `${birthDigits.slice(0, 4)}-${birthDigits.slice(4, 6)}-${birthDigits.slice(6)}`,
    sequenceCode,
    sex: sexOfSequenceCode(sequenceCode),
    checkCharacter: residentId.charAt(CHECK_POSITION - 1),
  };
}

/**
 * Builds a checksum-valid resident identity number from its parts (GB 11643-1999 §5), for
 * tests and demos. The number is made up, not looked up: never use it as anyone's identity,
 * and do not mix generated numbers into production data.
 *
 * @throws RangeError when a part is malformed (address code, date, sequence 0–999, sex/parity mismatch).
 */
export function generateResidentId(spec: ResidentIdSpec): string {
  if (!/^\d{6}$/.test(spec.divisionCode) || !isKnownAddressPrefix(spec.divisionCode.slice(0, 2))) {
    throw new RangeError(`'${spec.divisionCode}' is not a six-digit division code of a known province`);
  }
  const birthDigits = spec.birthDate.replaceAll('-', '');
  if (!/^\d{8}$/.test(birthDigits) || !isRealDate(birthDigits)) {
    throw new RangeError(`'${spec.birthDate}' is not a real date written YYYY-MM-DD or YYYYMMDD`);
  }
  if (!Number.isInteger(spec.sequence) || spec.sequence < 0 || spec.sequence > 999) {
    throw new RangeError(`Sequence must be an integer from 0 to 999, got ${String(spec.sequence)}`);
  }
  const sequenceCode = String(spec.sequence).padStart(3, '0');
  if (spec.sex !== undefined && sexOfSequenceCode(sequenceCode) !== spec.sex) {
    throw new RangeError(`Sequence ${sequenceCode} encodes ${sexOfSequenceCode(sequenceCode)}, not ${spec.sex} (odd: male, even: female)`);
  }
  const body = `${spec.divisionCode}${birthDigits}${sequenceCode}`;
  return `${body}${computeResidentIdCheckCharacter(body)}`;
}

/**
 * Masks a resident identity number for display: the first 3 and last 4 characters stay,
 * every other one becomes `*` (`210302199005170025` → `210***********0025`); a trailing `x` is
 * shown as `X`. Inputs of 7 characters or fewer are masked entirely, so nothing short leaks.
 */
export function maskResidentId(residentId: string): string {
  const characters = codePoints(residentId.endsWith('x') ? `${residentId.slice(0, -1)}X` : residentId);
  const visibleStart = 3;
  const visibleEnd = 4;
  if (characters.length <= visibleStart + visibleEnd) {
    return '*'.repeat(characters.length);
  }
  const head = characters.slice(0, visibleStart).join('');
  const tail = characters.slice(-visibleEnd).join('');
  return `${head}${'*'.repeat(characters.length - visibleStart - visibleEnd)}${tail}`;
}

function invalid(violations: readonly ResidentIdViolation[]): InvalidResidentId {
  const [first, ...rest] = violations;
  if (first === undefined) {
    throw new Error('invalid() needs at least one violation');
  }
  return { valid: false, ...first, violations: [first, ...rest] };
}

function sexOfSequenceCode(sequenceCode: string): Sex {
  return Number(sequenceCode) % 2 === 1 ? 'male' : 'female';
}

function isKnownAddressPrefix(prefix: string): boolean {
  return isProvinceCodePrefix(prefix) || RESIDENCE_PERMIT_PREFIXES.has(prefix);
}

function checkShape(residentId: string): ResidentIdViolation[] {
  const characters = codePoints(residentId);
  if (characters.length !== RESIDENT_ID_LENGTH) {
    return [
      {
        rule: ResidentIdRule.LENGTH,
        message: `A resident ID has ${String(RESIDENT_ID_LENGTH)} characters, got ${String(characters.length)}`,
        expected: String(RESIDENT_ID_LENGTH),
        actual: String(characters.length),
      },
    ];
  }
  return characters.flatMap((character, index) => {
    const position = index + 1;
    const allowed = position === CHECK_POSITION ? /^[0-9X]$/ : /^[0-9]$/;
    if (allowed.test(character)) {
      return [];
    }
    const what = position === CHECK_POSITION ? 'a digit or X' : 'a digit';
    return [
      {
        rule: ResidentIdRule.CHARSET,
        message: `Character ${describeCharacter(character)} at position ${String(position)} is not ${what}`,
        position,
        actual: character,
      },
    ];
  });
}

function checkAddressCode(prefix: string): ResidentIdViolation[] {
  if (isKnownAddressPrefix(prefix)) {
    return [];
  }
  return [
    {
      rule: ResidentIdRule.ADDRESS_CODE,
      message: `Address code must start with a province code, got '${prefix}'`,
      position: 1,
      actual: prefix,
    },
  ];
}

function checkBirthDate(birthDigits: string, now: Date): ResidentIdViolation[] {
  const problem = birthDateProblem(birthDigits, now);
  if (problem === null) {
    return [];
  }
  return [
    {
      rule: ResidentIdRule.BIRTH_DATE,
      message: `Birth date '${birthDigits}' at positions 7-14 ${problem}`,
      position: BIRTH_DATE_START,
      actual: birthDigits,
    },
  ];
}

function birthDateProblem(birthDigits: string, now: Date): string | null {
  if (!isRealDate(birthDigits)) {
    return 'is not a real date';
  }
  if (Number(birthDigits.slice(0, 4)) < MIN_BIRTH_YEAR) {
    return `is before ${String(MIN_BIRTH_YEAR)}`;
  }
  return birthDigits > chinaCalendarDate(now) ? 'is in the future' : null;
}

/** Whether 8 digits YYYYMMDD name a day of the proleptic Gregorian calendar. */
function isRealDate(digits: string): boolean {
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date in China as YYYYMMDD. */
function chinaCalendarDate(now: Date): string {
  const china = new Date(now.getTime() + CHINA_UTC_OFFSET_MS);
  const year = String(china.getUTCFullYear()).padStart(4, '0');
  const month = String(china.getUTCMonth() + 1).padStart(2, '0');
  const day = String(china.getUTCDate()).padStart(2, '0');
  return `${year}${month}${day}`;
}

function checkCheckCharacter(residentId: string): ResidentIdViolation[] {
  const actual = residentId.charAt(CHECK_POSITION - 1);
  const expected = computeResidentIdCheckCharacter(residentId.slice(0, CHECK_POSITION - 1));
  if (expected === actual) {
    return [];
  }
  return [
    {
      rule: ResidentIdRule.CHECK_CHARACTER,
      message: `Check character at position ${String(CHECK_POSITION)} should be '${expected}', got '${actual}'`,
      position: CHECK_POSITION,
      expected,
      actual,
    },
  ];
}
