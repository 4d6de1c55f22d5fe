import { characterDisplay, type LocalizedSentence } from './name-comparison-messages';
import {
  characterWidth,
  forbiddenCharacterKind,
  formatCodePoint,
  isHalfWidthAsciiChar,
  isWhitespaceChar,
  toCodePoints,
  toFullWidth,
  type ForbiddenCharacterKind,
} from './name-characters';

/**
 * Checks on a name typed by an applicant (registration application, 图10), before it is stored
 * exactly as typed. The guide (§二（二）3 注2) says the name must be filled in exactly as
 * decided — no missing, extra or wrong characters (多字少字错字都不可以) — and established names
 * must equal the certificate 一字不差 (§二（二）1 【注意提醒事项】3). Forbidden characters are
 * rejected; suspicious ones are only flagged for the applicant to confirm.
 * Pure: no Nest or TypeORM.
 */

/** Why a proposed name looks wrong; none of these is an error by itself. */
export type NameWarningCode =
  | 'half-width-bracket'
  | 'half-width-punctuation'
  | 'half-width-letter'
  | 'half-width-digit'
  | 'leading-whitespace'
  | 'trailing-whitespace'
  | 'consecutive-whitespace'
  | 'inner-whitespace'
  | 'ideographic-space'
  | 'mixed-width-brackets'
  | 'unbalanced-bracket';

/** One suspicious character in a proposed name. Positions are 1-based code points. */
export interface NameWarning {
  readonly code: NameWarningCode;
  readonly position: number;
  readonly char: string;
  /** `U+0028` style. */
  readonly codePoint: string;
  /** The full-width form to use instead of a half-width character. */
  readonly suggestion?: string;
  /** For `mixed-width-brackets`: the position of the opening bracket of the pair. */
  readonly pairedPosition?: number;
}

/** A character that must be rejected in a name. Positions are 1-based code points. */
export interface ForbiddenNameCharacter {
  readonly kind: ForbiddenCharacterKind;
  readonly position: number;
  readonly char: string;
  /** `U+200B` style. */
  readonly codePoint: string;
}

type BracketFamily = 'round' | 'square' | 'curly';
interface Bracket {
  readonly family: BracketFamily;
  readonly opening: boolean;
}

const BRACKETS: ReadonlyMap<string, Bracket> = new Map([
  ['(', { family: 'round', opening: true }],
  [')', { family: 'round', opening: false }],
  ['（', { family: 'round', opening: true }],
  ['）', { family: 'round', opening: false }],
  ['[', { family: 'square', opening: true }],
  [']', { family: 'square', opening: false }],
  ['［', { family: 'square', opening: true }],
  ['］', { family: 'square', opening: false }],
  ['{', { family: 'curly', opening: true }],
  ['}', { family: 'curly', opening: false }],
  ['｛', { family: 'curly', opening: true }],
  ['｝', { family: 'curly', opening: false }],
]);

const IDEOGRAPHIC_SPACE = '\u3000';

/**
 * Control characters (C0, C1, line/paragraph separators), zero-width characters (U+200B–U+200D,
 * U+2060, BOM U+FEFF), other invisible format characters (soft hyphen, bidi controls…) and
 * unpaired surrogates: a name containing any of them must be rejected, since no certificate
 * name contains them and the stored name must match it 一字不差 (user guide §二（二）1
 * 【注意提醒事项】3; §二（二）3 注2). Classes per the Unicode Character Database (UAX #44).
 */
export function findForbiddenNameCharacters(name: string): ForbiddenNameCharacter[] {
  const forbidden: ForbiddenNameCharacter[] = [];
  toCodePoints(name).forEach((char, index) => {
    const kind = forbiddenCharacterKind(char);
    if (kind !== undefined) forbidden.push({ kind, position: index + 1, char, codePoint: formatCodePoint(char) });
  });
  return forbidden;
}

/**
 * Suspicious but allowed characters in a proposed Chinese organization name: half-width
 * brackets, punctuation, letters and digits (certificates use full-width forms), leading,
 * trailing, consecutive or inner whitespace, ideographic spaces, and brackets whose pair mixes
 * widths or has no partner. Sorted by position. They are flagged before submission because the
 * name must be typed exactly (多字少字错字都不可以, user guide §二（二）3 注2) and later match
 * the certificate 一字不差 (§二（二）1 【注意提醒事项】3); widths per UAX #11.
 */
export function findSuspiciousNameIssues(name: string): NameWarning[] {
  const chars = toCodePoints(name);
  const warnings = [...halfWidthWarnings(chars), ...whitespaceWarnings(chars), ...bracketWarnings(chars)];
  return warnings.sort((a, b) => a.position - b.position);
}

/** A sentence in zh-CN and English explaining one warning to the applicant. */
export function describeNameWarning(warning: NameWarning): LocalizedSentence {
  const shown = characterDisplay(warning.char);
  const p = warning.position;
  const suggested = warning.suggestion === undefined ? undefined : characterDisplay(warning.suggestion);
  switch (warning.code) {
    case 'half-width-bracket':
    case 'half-width-punctuation':
    case 'half-width-letter':
    case 'half-width-digit':
      return {
        zh: `第${p}个字符为半角${HALF_WIDTH_NOUNS[warning.code].zh}${shown.zh}，中文名称通常使用全角${suggested?.zh ?? ''}`,
        en: `position ${p}: half-width ${HALF_WIDTH_NOUNS[warning.code].en} ${shown.en}; Chinese names normally use full-width ${suggested?.en ?? ''}`,
      };
    case 'leading-whitespace':
      return { zh: `第${p}个字符：名称开头有${shown.zh}`, en: `position ${p}: the name starts with a ${shown.en}` };
    case 'trailing-whitespace':
      return { zh: `第${p}个字符：名称末尾有${shown.zh}`, en: `position ${p}: the name ends with a ${shown.en}` };
    case 'consecutive-whitespace':
      return { zh: `第${p}个字符：连续的空白字符${shown.zh}`, en: `position ${p}: consecutive whitespace, ${shown.en}` };
    case 'inner-whitespace':
      return {
        zh: `第${p}个字符：名称中间有${shown.zh}，中文名称通常不含空格`,
        en: `position ${p}: ${shown.en} inside the name; Chinese names normally contain no spaces`,
      };
    case 'ideographic-space':
      return { zh: `第${p}个字符为${shown.zh}`, en: `position ${p}: ${shown.en}` };
    case 'mixed-width-brackets':
      return {
        zh: `第${p}个字符的括号${shown.zh}与第${warning.pairedPosition ?? 0}个字符的括号全角半角不一致`,
        en: `position ${p}: bracket ${shown.en} does not match the width of the bracket at position ${warning.pairedPosition ?? 0}`,
      };
    case 'unbalanced-bracket':
      return { zh: `第${p}个字符的括号${shown.zh}没有配对`, en: `position ${p}: bracket ${shown.en} has no matching bracket` };
  }
}

type HalfWidthCode = 'half-width-bracket' | 'half-width-punctuation' | 'half-width-letter' | 'half-width-digit';

const HALF_WIDTH_NOUNS: Readonly<Record<HalfWidthCode, LocalizedSentence>> = {
  'half-width-bracket': { zh: '括号', en: 'bracket' },
  'half-width-punctuation': { zh: '标点', en: 'punctuation' },
  'half-width-letter': { zh: '字母', en: 'letter' },
  'half-width-digit': { zh: '数字', en: 'digit' },
};

function halfWidthWarnings(chars: readonly string[]): NameWarning[] {
  const warnings: NameWarning[] = [];
  chars.forEach((char, index) => {
    if (!isHalfWidthAsciiChar(char)) return;
    warnings.push({ ...warningAt(halfWidthCode(char), chars, index), suggestion: toFullWidth(char) });
  });
  return warnings;
}

function halfWidthCode(char: string): HalfWidthCode {
  if (BRACKETS.has(char)) return 'half-width-bracket';
  if (/^[A-Za-z]$/.test(char)) return 'half-width-letter';
  if (/^[0-9]$/.test(char)) return 'half-width-digit';
  return 'half-width-punctuation';
}

function whitespaceWarnings(chars: readonly string[]): NameWarning[] {
  const firstVisible = chars.findIndex((char) => !isWhitespaceChar(char));
  const lastVisible = chars.findLastIndex((char) => !isWhitespaceChar(char));
  const warnings: NameWarning[] = [];
  chars.forEach((char, index) => {
    if (!isWhitespaceChar(char)) return;
    warnings.push(warningAt(whitespaceCode(chars, index, firstVisible, lastVisible), chars, index));
    if (char === IDEOGRAPHIC_SPACE) warnings.push(warningAt('ideographic-space', chars, index));
  });
  return warnings;
}

function whitespaceCode(chars: readonly string[], index: number, firstVisible: number, lastVisible: number): NameWarningCode {
  if (firstVisible === -1 || index < firstVisible) return 'leading-whitespace';
  if (index > lastVisible) return 'trailing-whitespace';
  if (isWhitespaceChar(chars[index - 1])) return 'consecutive-whitespace';
  return 'inner-whitespace';
}

function bracketWarnings(chars: readonly string[]): NameWarning[] {
  const open: { readonly index: number; readonly family: BracketFamily }[] = [];
  const warnings: NameWarning[] = [];
  chars.forEach((char, index) => {
    const bracket = BRACKETS.get(char);
    if (bracket === undefined) return;
    if (bracket.opening) {
      open.push({ index, family: bracket.family });
      return;
    }
    const opener = open.at(-1);
    if (opener === undefined || opener.family !== bracket.family) {
      warnings.push(warningAt('unbalanced-bracket', chars, index));
      return;
    }
    open.pop();
    if (characterWidth(chars[opener.index]) !== characterWidth(char)) {
      warnings.push({ ...warningAt('mixed-width-brackets', chars, index), pairedPosition: opener.index + 1 });
    }
  });
  return [...warnings, ...open.map((opener) => warningAt('unbalanced-bracket', chars, opener.index))];
}

function warningAt(code: NameWarningCode, chars: readonly string[], index: number): NameWarning {
  const char = chars[index];
  return { code, position: index + 1, char, codePoint: formatCodePoint(char) };
}
