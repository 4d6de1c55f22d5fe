import type { NameComparison, NameDifference } from './name-comparison';
import { characterWidth, formatCodePoint, isInvisibleChar, isTraditionalChar, isWhitespaceChar } from './name-characters';

/**
 * Human-readable sentences (zh-CN and English) explaining name differences, so that a user
 * can correct the platform record to match the certificate 一字不差 (user guide §二（二）1,
 * 【注意提醒事项】3; the guide's 图7 asks the user to check the name against the certificate).
 * Pure: no Nest or TypeORM.
 */

/** One sentence in both languages we answer in (same shape as the API's localized text). */
export interface LocalizedSentence {
  readonly zh: string;
  readonly en: string;
}

/** The language of a joined summary: zh (zh-CN, the default) or en. */
export type SummaryLanguage = keyof LocalizedSentence;

/** Names for blanks, which cannot be shown between quotes. */
const NAMED_CHARACTERS: ReadonlyMap<string, LocalizedSentence> = new Map([
  [' ', { zh: '半角空格', en: 'half-width space' }],
  ['\u3000', { zh: '全角空格', en: 'full-width (ideographic) space' }],
  ['\u00A0', { zh: '不换行空格', en: 'no-break space' }],
  ['\t', { zh: '制表符', en: 'tab' }],
  ['\n', { zh: '换行符', en: 'line feed' }],
  ['\r', { zh: '回车符', en: 'carriage return' }],
  ['\u200B', { zh: '零宽空格', en: 'zero-width space' }],
  ['\u200C', { zh: '零宽不连字', en: 'zero-width non-joiner' }],
  ['\u200D', { zh: '零宽连字', en: 'zero-width joiner' }],
  ['\u2060', { zh: '零宽不换行符', en: 'word joiner' }],
  ['\uFEFF', { zh: '字节顺序标记(BOM)', en: 'byte order mark (BOM)' }],
  ['\u00AD', { zh: '软连字符', en: 'soft hyphen' }],
]);

const WIDTH_NAMES = {
  'full-width': { zh: '全角', en: 'full-width' },
  'half-width': { zh: '半角', en: 'half-width' },
  other: { zh: '兼容写法', en: 'compatibility form' },
} as const;

const SCRIPT_FORM_NAMES = {
  traditional: { zh: '繁体', en: 'traditional' },
  simplified: { zh: '简体', en: 'simplified' },
} as const;

/**
 * One sentence per difference, e.g.
 * zh `第3个字符：平台为半角“(”(U+0028)，登记证书为全角“（”(U+FF08)`,
 * en `position 3: platform has half-width "(" (U+0028), certificate has full-width "（" (U+FF08)`.
 */
export function describeNameDifference(difference: NameDifference): LocalizedSentence {
  const { claimedChar, registeredChar, kind } = difference;
  if (claimedChar !== undefined && registeredChar !== undefined) {
    const claimed = characterLabel(claimedChar, kind);
    const registered = characterLabel(registeredChar, kind);
    return {
      zh: `第${difference.position}个字符：平台为${claimed.zh}，登记证书为${registered.zh}`,
      en: `position ${difference.position}: platform has ${claimed.en}, certificate has ${registered.en}`,
    };
  }
  if (claimedChar !== undefined) {
    const claimed = characterLabel(claimedChar, kind);
    return {
      zh: `平台名称第${difference.claimedPosition}个字符${claimed.zh}是多余的，登记证书中没有`,
      en: `platform name position ${difference.claimedPosition}: extra ${claimed.en}, not on the certificate`,
    };
  }
  const registered = characterLabel(registeredChar ?? '', kind);
  return {
    zh: `第${difference.position}个字符：登记证书为${registered.zh}，平台缺少该字符`,
    en: `position ${difference.position}: certificate has ${registered.en}, missing on the platform`,
  };
}

/** {@link describeNameDifference} for each difference, in order. */
export function describeNameDifferences(differences: readonly NameDifference[]): LocalizedSentence[] {
  return differences.map(describeNameDifference);
}

/** The whole explanation in one language: the sentences joined (`；` in zh, `; ` in en). */
export function summarizeNameComparison(comparison: NameComparison, language: SummaryLanguage): string {
  if (comparison.equal) {
    return language === 'zh' ? '名称与登记证书一致' : 'the name matches the certificate';
  }
  const sentences = describeNameDifferences(comparison.differences).map((sentence) => sentence[language]);
  return sentences.join(language === 'zh' ? '；' : '; ');
}

/**
 * A character as shown in messages: `“（”(U+FF08)` / `"（" (U+FF08)`, or by name for blanks
 * that cannot be seen between quotes: `全角空格(U+3000)` / `full-width (ideographic) space (U+3000)`.
 */
export function characterDisplay(char: string, qualifier?: LocalizedSentence): LocalizedSentence {
  const codePoint = formatCodePoint(char);
  const named = blankName(char);
  if (named !== undefined) return { zh: `${named.zh}(${codePoint})`, en: `${named.en} (${codePoint})` };
  const zhPrefix = qualifier?.zh ?? '';
  const enPrefix = qualifier === undefined ? '' : `${qualifier.en} `;
  return { zh: `${zhPrefix}“${char}”(${codePoint})`, en: `${enPrefix}"${char}" (${codePoint})` };
}

/** `半角“(”(U+0028)` / `half-width "(" (U+0028)`: the display qualified by the difference kind. */
function characterLabel(char: string, kind: NameDifference['kind']): LocalizedSentence {
  return characterDisplay(char, qualifierFor(char, kind));
}

function qualifierFor(char: string, kind: NameDifference['kind']): LocalizedSentence | undefined {
  if (kind === 'width') return WIDTH_NAMES[characterWidth(char)];
  if (kind === 'traditional-vs-simplified') {
    return isTraditionalChar(char) ? SCRIPT_FORM_NAMES.traditional : SCRIPT_FORM_NAMES.simplified;
  }
  return undefined;
}

function blankName(char: string): LocalizedSentence | undefined {
  const named = NAMED_CHARACTERS.get(char);
  if (named !== undefined) return named;
  if (isWhitespaceChar(char)) return { zh: '空白字符', en: 'whitespace character' };
  if (isInvisibleChar(char)) return { zh: '不可见字符', en: 'invisible character' };
  return undefined;
}
