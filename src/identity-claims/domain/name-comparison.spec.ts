import {
  compareOrganizationNames,
  describeNameDifference,
  describeNameDifferences,
  equivalenceKey,
  summarizeNameComparison,
  type NameComparison,
  type NameDifference,
} from './name-comparison';

/** Names from the public foundation catalogue (shared/data/liaoning-foundations.tsv). */
const LIAONING_PUBLIC_WELFARE = '辽宁省公益基金会';
const TIELING_EDUCATION = '铁岭市教育基金会';
const DALIAN_MINZU = '大连民族大学教育发展基金会';
const YOUTH_DEVELOPMENT = '辽宁省青少年发展基金会';
const ANSHAN_BRAVERY = '鞍山市见义勇为基金会';

function differencesOf(comparison: NameComparison): readonly NameDifference[] {
  if (comparison.equal) throw new Error('expected the names to differ');
  return comparison.differences;
}

describe('compareOrganizationNames', () => {
  describe('exact policy (一字不差, the default)', () => {
    it('accepts a name identical to the certificate', () => {
      expect(compareOrganizationNames(LIAONING_PUBLIC_WELFARE, LIAONING_PUBLIC_WELFARE)).toEqual({ equal: true });
      expect(compareOrganizationNames(ANSHAN_BRAVERY, ANSHAN_BRAVERY, 'exact')).toEqual({ equal: true });
    });

    it('accepts two empty names and rejects an empty claim, reporting every character as missing', () => {
      expect(compareOrganizationNames('', '')).toEqual({ equal: true });
      const differences = differencesOf(compareOrganizationNames('', TIELING_EDUCATION));
      expect(differences).toHaveLength(8);
      expect(differences.every((difference) => difference.kind === 'missing')).toBe(true);
      expect(differences.map((difference) => difference.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('explains half-width brackets in the token against full-width ones on the certificate', () => {
      const comparison = compareOrganizationNames('和平区(社区)志愿者协会', '和平区（社区）志愿者协会');
      expect(differencesOf(comparison)).toEqual([
        {
          kind: 'width',
          position: 4,
          claimedPosition: 4,
          claimedChar: '(',
          claimedCodePoint: 'U+0028',
          registeredChar: '（',
          registeredCodePoint: 'U+FF08',
        },
        {
          kind: 'width',
          position: 7,
          claimedPosition: 7,
          claimedChar: ')',
          claimedCodePoint: 'U+0029',
          registeredChar: '）',
          registeredCodePoint: 'U+FF09',
        },
      ]);
    });

    it('classifies ASCII against full-width letters and digits as width differences', () => {
      const differences = differencesOf(compareOrganizationNames('沈阳AB1协会', '沈阳ＡＢ１协会'));
      expect(differences.map(({ kind, position, registeredCodePoint }) => [kind, position, registeredCodePoint])).toEqual([
        ['width', 3, 'U+FF21'],
        ['width', 4, 'U+FF22'],
        ['width', 5, 'U+FF11'],
      ]);
    });

    it('reports a trailing space as one whitespace difference after the last character', () => {
      const differences = differencesOf(compareOrganizationNames(`${TIELING_EDUCATION} `, TIELING_EDUCATION));
      expect(differences).toEqual([
        { kind: 'whitespace', position: 9, claimedPosition: 9, claimedChar: ' ', claimedCodePoint: 'U+0020' },
      ]);
    });

    it('reports a leading ideographic space and a space replaced by an ideographic space', () => {
      expect(differencesOf(compareOrganizationNames(`\u3000${TIELING_EDUCATION}`, TIELING_EDUCATION))).toEqual([
        { kind: 'whitespace', position: 1, claimedPosition: 1, claimedChar: '\u3000', claimedCodePoint: 'U+3000' },
      ]);
      expect(differencesOf(compareOrganizationNames('甲\u3000乙', '甲 乙'))).toEqual([
        {
          kind: 'whitespace',
          position: 2,
          claimedPosition: 2,
          claimedChar: '\u3000',
          claimedCodePoint: 'U+3000',
          registeredChar: ' ',
          registeredCodePoint: 'U+0020',
        },
      ]);
    });

    it('reports a zero-width space as one invisible difference', () => {
      const differences = differencesOf(compareOrganizationNames('辽宁省\u200B公益基金会', LIAONING_PUBLIC_WELFARE));
      expect(differences).toEqual([
        { kind: 'invisible', position: 4, claimedPosition: 4, claimedChar: '\u200B', claimedCodePoint: 'U+200B' },
      ]);
    });

    it('reports a BOM and a soft hyphen as invisible differences', () => {
      const differences = differencesOf(compareOrganizationNames('\uFEFF辽宁省公益\u00AD基金会', LIAONING_PUBLIC_WELFARE));
      expect(differences.map(({ kind, claimedCodePoint, position }) => [kind, claimedCodePoint, position])).toEqual([
        ['invisible', 'U+FEFF', 1],
        ['invisible', 'U+00AD', 6],
      ]);
    });

    it('classifies 遼寧…會 against 辽宁…会 as traditional-vs-simplified', () => {
      const differences = differencesOf(compareOrganizationNames('遼寧省公益基金會', LIAONING_PUBLIC_WELFARE));
      expect(differences.map(({ kind, position, claimedCodePoint, registeredCodePoint }) => [kind, position, claimedCodePoint, registeredCodePoint])).toEqual([
        ['traditional-vs-simplified', 1, 'U+907C', 'U+8FBD'],
        ['traditional-vs-simplified', 2, 'U+5BE7', 'U+5B81'],
        ['traditional-vs-simplified', 8, 'U+6703', 'U+4F1A'],
      ]);
    });

    it('reports a missing last character once', () => {
      expect(differencesOf(compareOrganizationNames('辽宁省公益基金', LIAONING_PUBLIC_WELFARE))).toEqual([
        { kind: 'missing', position: 8, claimedPosition: 8, registeredChar: '会', registeredCodePoint: 'U+4F1A' },
      ]);
    });

    it('reports two characters missing in the middle as two missing, not a cascade', () => {
      const differences = differencesOf(compareOrganizationNames('大连民族大学教育基金会', DALIAN_MINZU));
      expect(differences).toEqual([
        { kind: 'missing', position: 9, claimedPosition: 9, registeredChar: '发', registeredCodePoint: 'U+53D1' },
        { kind: 'missing', position: 10, claimedPosition: 9, registeredChar: '展', registeredCodePoint: 'U+5C55' },
      ]);
    });

    it('reports one inserted character as exactly one extra difference', () => {
      expect(differencesOf(compareOrganizationNames('辽宁省青少年事发展基金会', YOUTH_DEVELOPMENT))).toEqual([
        { kind: 'extra', position: 7, claimedPosition: 7, claimedChar: '事', claimedCodePoint: 'U+4E8B' },
      ]);
    });

    it('reports a doubled character as one extra', () => {
      const differences = differencesOf(compareOrganizationNames('铁岭市教教育基金会', TIELING_EDUCATION));
      expect(differences).toHaveLength(1);
      expect(differences[0]).toMatchObject({ kind: 'extra', claimedChar: '教' });
    });

    it('reports a wrong character as one different', () => {
      expect(differencesOf(compareOrganizationNames('铁岭市教育基金委', TIELING_EDUCATION))).toEqual([
        {
          kind: 'different',
          position: 8,
          claimedPosition: 8,
          claimedChar: '委',
          claimedCodePoint: 'U+59D4',
          registeredChar: '会',
          registeredCodePoint: 'U+4F1A',
        },
      ]);
    });

    it('explains totally different names character by character', () => {
      const differences = differencesOf(compareOrganizationNames('甲乙丙', '丁戊己庚'));
      expect(differences.map(({ kind, position }) => [kind, position])).toEqual([
        ['different', 1],
        ['different', 2],
        ['different', 3],
        ['missing', 4],
      ]);
    });

    it('never pairs a space with a visible character: a space typed for a character is extra + missing', () => {
      const differences = differencesOf(compareOrganizationNames('铁岭市 育基金会', TIELING_EDUCATION));
      expect(differences.map(({ kind, position, claimedPosition }) => [kind, position, claimedPosition])).toEqual([
        ['whitespace', 4, 4],
        ['missing', 4, 5],
      ]);
    });

    it('combines width, whitespace and traditional differences in one explanation', () => {
      const differences = differencesOf(compareOrganizationNames(' 遼宁省公益基金会(筹)', '辽宁省公益基金会（筹）'));
      expect(differences.map(({ kind, position }) => [kind, position])).toEqual([
        ['whitespace', 1],
        ['traditional-vs-simplified', 1],
        ['width', 9],
        ['width', 11],
      ]);
    });

    it('counts positions in code points, so 𠮷 (U+20BB7, a surrogate pair) is one character', () => {
      const differences = differencesOf(compareOrganizationNames('𠮷野家(社区)', '𠮷野家（社区）'));
      expect(differences.map(({ position }) => position)).toEqual([4, 7]);
      expect(differencesOf(compareOrganizationNames('吉野家', '𠮷野家'))).toEqual([
        {
          kind: 'different',
          position: 1,
          claimedPosition: 1,
          claimedChar: '吉',
          claimedCodePoint: 'U+5409',
          registeredChar: '𠮷',
          registeredCodePoint: 'U+20BB7',
        },
      ]);
    });

    it('treats an unequal name that only differs by NFKC as unequal', () => {
      expect(compareOrganizationNames('ＡＢＣ协会', 'ABC协会').equal).toBe(false);
    });

    it('stays linear-ish and still explains very long unequal names', () => {
      const claimed = '甲'.repeat(600);
      const registered = '乙'.repeat(601);
      const differences = differencesOf(compareOrganizationNames(claimed, registered));
      expect(differences).toHaveLength(601);
      expect(differences.at(-1)).toMatchObject({ kind: 'missing', position: 601 });
    });
  });

  describe('equivalent policy (NFKC, whitespace and invisible characters ignored)', () => {
    it('accepts width, whitespace and zero-width differences', () => {
      expect(compareOrganizationNames(' 和平区(社区)\u3000志愿者协会\u200B', '和平区（社区）志愿者协会', 'equivalent')).toEqual({
        equal: true,
      });
      expect(compareOrganizationNames('沈阳ＡＢ１２３协会', '沈阳AB123协会', 'equivalent')).toEqual({ equal: true });
    });

    it('still rejects traditional against simplified characters, and explains them', () => {
      const differences = differencesOf(compareOrganizationNames('遼寧省公益基金會', LIAONING_PUBLIC_WELFARE, 'equivalent'));
      expect(differences.map(({ kind }) => kind)).toEqual([
        'traditional-vs-simplified',
        'traditional-vs-simplified',
        'traditional-vs-simplified',
      ]);
    });

    it('never strips punctuation', () => {
      const missingBrackets = differencesOf(compareOrganizationNames('辽宁省公益基金会筹', '辽宁省公益基金会（筹）', 'equivalent'));
      expect(missingBrackets.map(({ kind, registeredChar }) => [kind, registeredChar])).toEqual([
        ['missing', '（'],
        ['missing', '）'],
      ]);
      const extraFullStop = differencesOf(compareOrganizationNames(`${LIAONING_PUBLIC_WELFARE}。`, LIAONING_PUBLIC_WELFARE, 'equivalent'));
      expect(extraFullStop).toEqual([
        { kind: 'extra', position: 9, claimedPosition: 9, claimedChar: '。', claimedCodePoint: 'U+3002' },
      ]);
      expect(compareOrganizationNames('甲·乙', '甲・乙', 'equivalent').equal).toBe(false);
    });

    it('leaves out the differences it tolerates when the names still differ', () => {
      const differences = differencesOf(compareOrganizationNames('遼宁省(社区) ', '辽宁省（社区）', 'equivalent'));
      expect(differences).toEqual([
        {
          kind: 'traditional-vs-simplified',
          position: 1,
          claimedPosition: 1,
          claimedChar: '遼',
          claimedCodePoint: 'U+907C',
          registeredChar: '辽',
          registeredCodePoint: 'U+8FBD',
        },
      ]);
    });
  });
});

describe('equivalenceKey', () => {
  it('applies NFKC and drops whitespace and invisible characters, nothing else', () => {
    expect(equivalenceKey(' （社区）\u3000Ａ１\u200B\uFEFF遼。')).toBe('(社区)A1遼。');
  });
});

describe('describeNameDifference', () => {
  it('describes a width difference in zh-CN and English', () => {
    const [first] = differencesOf(compareOrganizationNames('和平(社区)', '和平（社区）'));
    expect(describeNameDifference(first)).toEqual({
      zh: '第3个字符：平台为半角“(”(U+0028)，登记证书为全角“（”(U+FF08)',
      en: 'position 3: platform has half-width "(" (U+0028), certificate has full-width "（" (U+FF08)',
    });
  });

  it('describes traditional against simplified forms', () => {
    const [first] = differencesOf(compareOrganizationNames('遼宁', '辽宁'));
    expect(describeNameDifference(first)).toEqual({
      zh: '第1个字符：平台为繁体“遼”(U+907C)，登记证书为简体“辽”(U+8FBD)',
      en: 'position 1: platform has traditional "遼" (U+907C), certificate has simplified "辽" (U+8FBD)',
    });
  });

  it('names blanks instead of quoting them', () => {
    const [trailing] = differencesOf(compareOrganizationNames(`${TIELING_EDUCATION} `, TIELING_EDUCATION));
    expect(describeNameDifference(trailing)).toEqual({
      zh: '平台名称第9个字符半角空格(U+0020)是多余的，登记证书中没有',
      en: 'platform name position 9: extra half-width space (U+0020), not on the certificate',
    });
    const [zeroWidth] = differencesOf(compareOrganizationNames('辽宁\u200B', '辽宁'));
    expect(describeNameDifference(zeroWidth).zh).toContain('零宽空格(U+200B)');
    expect(describeNameDifference(zeroWidth).en).toContain('zero-width space (U+200B)');
  });

  it('describes missing and different characters', () => {
    const [missing] = differencesOf(compareOrganizationNames('辽宁省公益基金', LIAONING_PUBLIC_WELFARE));
    expect(describeNameDifference(missing)).toEqual({
      zh: '第8个字符：登记证书为“会”(U+4F1A)，平台缺少该字符',
      en: 'position 8: certificate has "会" (U+4F1A), missing on the platform',
    });
    const [different] = differencesOf(compareOrganizationNames('吉', '𠮷'));
    expect(describeNameDifference(different)).toEqual({
      zh: '第1个字符：平台为“吉”(U+5409)，登记证书为“𠮷”(U+20BB7)',
      en: 'position 1: platform has "吉" (U+5409), certificate has "𠮷" (U+20BB7)',
    });
  });

  it('describes an inserted character by its position in the platform name', () => {
    const [extra] = differencesOf(compareOrganizationNames('辽宁省青少年事发展基金会', YOUTH_DEVELOPMENT));
    expect(describeNameDifference(extra)).toEqual({
      zh: '平台名称第7个字符“事”(U+4E8B)是多余的，登记证书中没有',
      en: 'platform name position 7: extra "事" (U+4E8B), not on the certificate',
    });
  });

  it('gives one sentence per difference', () => {
    const differences = differencesOf(compareOrganizationNames('和平(社区)', '和平（社区）'));
    expect(describeNameDifferences(differences).map((sentence) => sentence.en)).toEqual([
      'position 3: platform has half-width "(" (U+0028), certificate has full-width "（" (U+FF08)',
      'position 6: platform has half-width ")" (U+0029), certificate has full-width "）" (U+FF09)',
    ]);
  });
});

describe('summarizeNameComparison', () => {
  it('joins the sentences in the requested language', () => {
    const comparison = compareOrganizationNames('和平(社区)', '和平（社区）');
    expect(summarizeNameComparison(comparison, 'zh')).toBe(
      '第3个字符：平台为半角“(”(U+0028)，登记证书为全角“（”(U+FF08)；第6个字符：平台为半角“)”(U+0029)，登记证书为全角“）”(U+FF09)',
    );
    expect(summarizeNameComparison(comparison, 'en')).toBe(
      'position 3: platform has half-width "(" (U+0028), certificate has full-width "（" (U+FF08); position 6: platform has half-width ")" (U+0029), certificate has full-width "）" (U+FF09)',
    );
  });

  it('says so when the names are equal', () => {
    const comparison = compareOrganizationNames(ANSHAN_BRAVERY, ANSHAN_BRAVERY);
    expect(summarizeNameComparison(comparison, 'zh')).toBe('名称与登记证书一致');
    expect(summarizeNameComparison(comparison, 'en')).toBe('the name matches the certificate');
  });
});
