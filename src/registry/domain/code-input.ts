/**
 * Input clean-up shared by the identifier normalisers (USCC, resident ID number).
 *
 * Chinese input methods often produce full-width forms (`５３２１`, `Ｘ`) and the
 * ideographic space; these helpers turn them into the ASCII forms the standards use.
 */

const FULL_WIDTH_FIRST = 0xff01; // ！
const FULL_WIDTH_LAST = 0xff5e; // ～
const FULL_WIDTH_OFFSET = 0xfee0; // distance between U+FF01 and U+0021
const IDEOGRAPHIC_SPACE = 0x3000;

/**
 * Replaces full-width ASCII variants (U+FF01–U+FF5E) by their ASCII counterparts and the
 * ideographic space (U+3000) by an ASCII space. Every other character is kept as is.
 */
export function toHalfWidthAscii(input: string): string {
  let output = '';
  for (const character of input) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint >= FULL_WIDTH_FIRST && codePoint <= FULL_WIDTH_LAST) {
      output += String.fromCodePoint(codePoint - FULL_WIDTH_OFFSET);
    } else if (codePoint === IDEOGRAPHIC_SPACE) {
      output += ' ';
    } else {
      output += character;
    }
  }
  return output;
}

/** Splits a string into Unicode code points, so that a length counts what a user sees as characters. */
export function codePoints(input: string): string[] {
  return Array.from(input);
}

/** Renders one character for a message, making invisible or ambiguous characters readable (e.g. `U+3000`). */
export function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const printableAscii = codePoint > 0x20 && codePoint < 0x7f;
  return printableAscii ? `'${character}'` : `'${character}' (${hex})`;
}
