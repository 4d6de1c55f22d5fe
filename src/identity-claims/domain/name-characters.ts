/**
 * Character classification used to compare and check organization names.
 *
 * Pure: no Nest or TypeORM. Property names are those of the Unicode Character Database
 * (UAX #44); NFKC is the compatibility composition of UAX #15 (Unicode Normalization Forms).
 */

/**
 * `opencc-js`'s declared signature of `Converter`. Its bundled .d.ts files import each other
 * without file extensions, which `nodenext` resolution cannot follow, so the types are restated.
 */
type TextConverter = (text: string) => string;
type ConverterFactory = (options: { readonly from: string; readonly to: string }) => TextConverter;

/** Unicode `White_Space` (PropList.txt). Unlike JavaScript's `\s`, it excludes U+FEFF (BOM). */
const WHITE_SPACE = /^\p{White_Space}$/u;
/** Controls (Cc), format characters (Cf) and other default-ignorable code points: all invisible. */
const INVISIBLE_CLASS = /^[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const CONTROL = /^[\p{Cc}\p{Zl}\p{Zp}]$/u;
const UNPAIRED_SURROGATE = /^\p{Cs}$/u;
const HAN = /^\p{Script=Han}$/u;

/** Zero-width space, non-joiner, joiner, word joiner, and U+FEFF (BOM / zero-width no-break space). */
const ZERO_WIDTH = new Set(['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF']);

/** Offset between ASCII U+0021..U+007E and the Halfwidth and Fullwidth Forms block U+FF01..U+FF5E. */
const FULL_WIDTH_OFFSET = 0xfee0;

/** Splits a string into code points (a surrogate pair such as 𠮷 is one element). */
export function toCodePoints(text: string): string[] {
  return Array.from(text);
}

/** The first code point of `char` as `U+XXXX` (at least four upper-case hex digits). */
export function formatCodePoint(char: string): string {
  const value = char.codePointAt(0) ?? 0;
  return `U+${value.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** True for a Unicode `White_Space` character (space, ideographic space U+3000, tab, NBSP…). */
export function isWhitespaceChar(char: string): boolean {
  return WHITE_SPACE.test(char);
}

/**
 * True for a character that shows nothing: a control, a format character (zero-width space,
 * BOM, soft hyphen, bidi controls…) or another default-ignorable code point — but not whitespace.
 */
export function isInvisibleChar(char: string): boolean {
  return !isWhitespaceChar(char) && INVISIBLE_CLASS.test(char);
}

/** Why a character may never appear in a name, or `undefined` if it may. */
export type ForbiddenCharacterKind = 'control' | 'zero-width' | 'invisible' | 'unpaired-surrogate';

/** Classifies a character that must be rejected in a name (controls, zero-width, invisible). */
export function forbiddenCharacterKind(char: string): ForbiddenCharacterKind | undefined {
  if (UNPAIRED_SURROGATE.test(char)) return 'unpaired-surrogate';
  if (CONTROL.test(char)) return 'control';
  if (ZERO_WIDTH.has(char)) return 'zero-width';
  if (isInvisibleChar(char)) return 'invisible';
  return undefined;
}

/** True for a Han (CJK ideograph) character. */
export function isHanChar(char: string): boolean {
  return HAN.test(char);
}

/** Width class of a character, as the East Asian Width property (UAX #11) groups them. */
export type CharacterWidth = 'full-width' | 'half-width' | 'other';

/** Full-width for U+3000 and the full-width forms; half-width for ASCII and the half-width forms. */
export function characterWidth(char: string): CharacterWidth {
  const value = char.codePointAt(0) ?? 0;
  if (value === 0x3000 || inRange(value, 0xff01, 0xff60) || inRange(value, 0xffe0, 0xffe6)) {
    return 'full-width';
  }
  if (inRange(value, 0x20, 0x7e) || inRange(value, 0xff61, 0xffdc) || inRange(value, 0xffe8, 0xffee)) {
    return 'half-width';
  }
  return 'other';
}

/** True for printable ASCII other than space (U+0021..U+007E), which has a full-width form. */
export function isHalfWidthAsciiChar(char: string): boolean {
  return inRange(char.codePointAt(0) ?? 0, 0x21, 0x7e);
}

/** The full-width form (U+FF01..U+FF5E) of a printable ASCII character. */
export function toFullWidth(char: string): string {
  return String.fromCodePoint((char.codePointAt(0) ?? 0) + FULL_WIDTH_OFFSET);
}

/** True when two different characters become equal under NFKC (UAX #15), e.g. `(` and `（`. */
export function areCompatibilityVariants(a: string, b: string): boolean {
  return a !== b && a.normalize('NFKC') === b.normalize('NFKC');
}

/**
 * True when two different Han characters are traditional/simplified forms of one character
 * (遼/辽, 會/会, 臺/台), by the OpenCC character tables (package `opencc-js`).
 */
export function areTraditionalSimplifiedVariants(a: string, b: string): boolean {
  return a !== b && isHanChar(a) && isHanChar(b) && toSimplifiedChar(a) === toSimplifiedChar(b);
}

/** True for a Han character that OpenCC converts to a different simplified character. */
export function isTraditionalChar(char: string): boolean {
  return isHanChar(char) && toSimplifiedChar(char) !== char;
}

let traditionalToSimplified: TextConverter | undefined;
const simplifiedCache = new Map<string, string>();

/** OpenCC `t` → `cn` (traditional to mainland simplified) for one character, memoised. */
function toSimplifiedChar(char: string): string {
  const cached = simplifiedCache.get(char);
  if (cached !== undefined) return cached;
  const simplified = simplifiedConverter()(char);
  simplifiedCache.set(char, simplified);
  return simplified;
}

/**
 * Loaded and built on first use (a name that differs from the registry's), not at start-up: the
 * OpenCC tables cost a few milliseconds and ~4 MB of resident memory (issue 14).
 */
function simplifiedConverter(): TextConverter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  traditionalToSimplified ??= (require('opencc-js') as { Converter: ConverterFactory }).Converter({ from: 't', to: 'cn' });
  return traditionalToSimplified;
}

function inRange(value: number, low: number, high: number): boolean {
  return value >= low && value <= high;
}
