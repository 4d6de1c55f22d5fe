import {
  describeNameWarning,
  findForbiddenNameCharacters,
  findSuspiciousNameIssues,
  type NameWarning,
} from './name-comparison';

/** Names from the public foundation catalogue (shared/data/liaoning-foundations.tsv). */
const REAL_NAMES = ['辽宁省爱梦成真青年发展基金会', '丹东市公安民警救助基金会', '辽宁省残疾人福利基金会'];

function codesAt(warnings: readonly NameWarning[]): [string, number][] {
  return warnings.map((warning) => [warning.code, warning.position]);
}

describe('findForbiddenNameCharacters', () => {
  it('finds nothing in real names, nor in a name with a supplementary-plane character', () => {
    for (const name of REAL_NAMES) expect(findForbiddenNameCharacters(name)).toEqual([]);
    expect(findForbiddenNameCharacters('𠮷野家协会')).toEqual([]);
  });

  it('reports zero-width characters and the BOM with positions and code points', () => {
    expect(findForbiddenNameCharacters('\uFEFF辽宁\u200B省\u200D')).toEqual([
      { kind: 'zero-width', position: 1, char: '\uFEFF', codePoint: 'U+FEFF' },
      { kind: 'zero-width', position: 4, char: '\u200B', codePoint: 'U+200B' },
      { kind: 'zero-width', position: 6, char: '\u200D', codePoint: 'U+200D' },
    ]);
  });

  it('reports C0 and C1 controls, tabs and line separators as control characters', () => {
    expect(findForbiddenNameCharacters('辽\u0000宁\t省\n\u0085\u2028').map(({ kind, codePoint, position }) => [kind, codePoint, position])).toEqual([
      ['control', 'U+0000', 2],
      ['control', 'U+0009', 4],
      ['control', 'U+000A', 6],
      ['control', 'U+0085', 7],
      ['control', 'U+2028', 8],
    ]);
  });

  it('reports other invisible format characters: soft hyphen, bidi override, Hangul filler', () => {
    expect(findForbiddenNameCharacters('辽\u00AD宁\u202E省\u3164').map(({ kind, codePoint }) => [kind, codePoint])).toEqual([
      ['invisible', 'U+00AD'],
      ['invisible', 'U+202E'],
      ['invisible', 'U+3164'],
    ]);
  });

  it('counts positions in code points and reports an unpaired surrogate', () => {
    expect(findForbiddenNameCharacters('𠮷\u200B\uD800')).toEqual([
      { kind: 'zero-width', position: 2, char: '\u200B', codePoint: 'U+200B' },
      { kind: 'unpaired-surrogate', position: 3, char: '\uD800', codePoint: 'U+D800' },
    ]);
  });

  it('allows ordinary and ideographic spaces, which are only suspicious', () => {
    expect(findForbiddenNameCharacters(' 辽宁\u3000省 ')).toEqual([]);
  });
});

describe('findSuspiciousNameIssues', () => {
  it('finds nothing in real names or in a full-width bracketed name', () => {
    for (const name of REAL_NAMES) expect(findSuspiciousNameIssues(name)).toEqual([]);
    expect(findSuspiciousNameIssues('和平区（社区）志愿者协会')).toEqual([]);
  });

  it('flags half-width brackets and suggests the full-width forms', () => {
    expect(findSuspiciousNameIssues('和平区(社区)志愿者协会')).toEqual([
      { code: 'half-width-bracket', position: 4, char: '(', codePoint: 'U+0028', suggestion: '（' },
      { code: 'half-width-bracket', position: 7, char: ')', codePoint: 'U+0029', suggestion: '）' },
    ]);
  });

  it('flags half-width punctuation, letters and digits', () => {
    const warnings = findSuspiciousNameIssues('沈阳A1,协会');
    expect(warnings.map(({ code, position, suggestion }) => [code, position, suggestion])).toEqual([
      ['half-width-letter', 3, 'Ａ'],
      ['half-width-digit', 4, '１'],
      ['half-width-punctuation', 5, '，'],
    ]);
  });

  it('flags leading, trailing, consecutive and inner whitespace', () => {
    expect(codesAt(findSuspiciousNameIssues(' 辽宁省  公益 基金会 '))).toEqual([
      ['leading-whitespace', 1],
      ['inner-whitespace', 5],
      ['consecutive-whitespace', 6],
      ['inner-whitespace', 9],
      ['trailing-whitespace', 13],
    ]);
  });

  it('flags ideographic spaces in addition to where they stand', () => {
    expect(codesAt(findSuspiciousNameIssues('辽宁省\u3000公益基金会'))).toEqual([
      ['inner-whitespace', 4],
      ['ideographic-space', 4],
    ]);
  });

  it('treats a name made only of spaces as leading whitespace', () => {
    expect(codesAt(findSuspiciousNameIssues('  '))).toEqual([
      ['leading-whitespace', 1],
      ['leading-whitespace', 2],
    ]);
  });

  it('flags a bracket pair that mixes widths, pointing at its opening bracket', () => {
    const warnings = findSuspiciousNameIssues('和平区（社区)协会');
    expect(warnings).toContainEqual({
      code: 'mixed-width-brackets',
      position: 7,
      char: ')',
      codePoint: 'U+0029',
      pairedPosition: 4,
    });
    expect(codesAt(warnings)).toEqual([
      ['half-width-bracket', 7],
      ['mixed-width-brackets', 7],
    ]);
  });

  it('flags unbalanced brackets', () => {
    expect(codesAt(findSuspiciousNameIssues('和平区（社区协会'))).toEqual([['unbalanced-bracket', 4]]);
    expect(codesAt(findSuspiciousNameIssues('社区）协会'))).toEqual([['unbalanced-bracket', 3]]);
    expect(codesAt(findSuspiciousNameIssues('（社区］'))).toEqual([
      ['unbalanced-bracket', 1],
      ['unbalanced-bracket', 4],
    ]);
  });

  it('counts positions in code points', () => {
    expect(codesAt(findSuspiciousNameIssues('𠮷野家(社区)'))).toEqual([
      ['half-width-bracket', 4],
      ['half-width-bracket', 7],
    ]);
  });
});

describe('describeNameWarning', () => {
  it('explains a half-width bracket with its full-width replacement', () => {
    const [warning] = findSuspiciousNameIssues('和平区(社区）');
    expect(describeNameWarning(warning)).toEqual({
      zh: '第4个字符为半角括号“(”(U+0028)，中文名称通常使用全角“（”(U+FF08)',
      en: 'position 4: half-width bracket "(" (U+0028); Chinese names normally use full-width "（" (U+FF08)',
    });
  });

  it('names whitespace instead of quoting it', () => {
    const [trailing] = findSuspiciousNameIssues('辽宁省公益基金会 ');
    expect(describeNameWarning(trailing)).toEqual({
      zh: '第9个字符：名称末尾有半角空格(U+0020)',
      en: 'position 9: the name ends with a half-width space (U+0020)',
    });
  });

  it('explains a mixed-width pair and an unbalanced bracket', () => {
    const mixed = findSuspiciousNameIssues('（社区)').find((warning) => warning.code === 'mixed-width-brackets');
    expect(mixed).toBeDefined();
    if (mixed !== undefined) {
      expect(describeNameWarning(mixed).zh).toBe('第4个字符的括号“)”(U+0029)与第1个字符的括号全角半角不一致');
    }
    const [unbalanced] = findSuspiciousNameIssues('社区）');
    expect(describeNameWarning(unbalanced).en).toBe('position 3: bracket "）" (U+FF09) has no matching bracket');
  });

  it('has a sentence in both languages for every warning code', () => {
    const warnings = findSuspiciousNameIssues(' 沈阳A1,(协会）\u3000  （ ');
    const codes = new Set(warnings.map((warning) => warning.code));
    expect(codes.size).toBe(11);
    for (const warning of warnings) {
      const sentence = describeNameWarning(warning);
      expect(sentence.zh).toMatch(/^第\d+个字符/);
      expect(sentence.en).toMatch(/^position \d+: /);
    }
  });
});
