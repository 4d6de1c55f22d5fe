import {
  hasCodePointLength, isChinesePersonName, isMainlandMobile, isPlainText, readIdempotencyKey, requestFingerprint,
} from './application-input';

describe('isMainlandMobile', () => {
  it('accepts 11-digit numbers starting 13-19', () => {
    for (const n of ['13012345678', '15912345678', '19900000000', '16612345678']) expect(isMainlandMobile(n)).toBe(true);
  });

  it('refuses landlines, short, long, prefixed, spaced and non-string values', () => {
    for (const n of ['12012345678', '1381234567', '138123456789', '+8613812345678', '138 1234 5678', '02412345678', 13812345678, '１３８１２３４５６７８']) {
      expect(isMainlandMobile(n)).toBe(false);
    }
  });
});

describe('isChinesePersonName', () => {
  it('accepts Han names, including minority names with a middle dot', () => {
    for (const n of ['张三', '欧阳娜娜', '阿依古丽·买买提', '爱新觉罗•启星', '〇一', '𠮷田']) expect(isChinesePersonName(n)).toBe(true);
  });

  it('refuses one character, Latin letters, digits, spaces, leading or doubled dots, and over 30 characters', () => {
    for (const n of ['张', 'Zhang San', '张3', '张 三', '·张三', '张三·', '张··三', '张'.repeat(31), '', 42]) {
      expect(isChinesePersonName(n)).toBe(false);
    }
  });
});

describe('hasCodePointLength', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(hasCodePointLength('𠮷𠮷', 2, 2)).toBe(true);
    expect(hasCodePointLength('𠮷', 2, 3)).toBe(false);
  });
});

describe('isPlainText', () => {
  it('allows line breaks and tabs but no other control characters, and not blank', () => {
    expect(isPlainText('名称需与章程一致\n请核对')).toBe(true);
    expect(isPlainText('a\u0007b')).toBe(false);
    expect(isPlainText('  \n ')).toBe(false);
  });
});

describe('requestFingerprint', () => {
  const fields = {
    divisionCode: '210311', authorityCode: 'MZ-210311', proposedName: '鞍山市千山区测试协会', organizationType: 'social_group',
    contactName: '张三', contactMobile: '13812345678', note: null,
  };

  it('is stable for the same request and changes with any field', () => {
    expect(requestFingerprint(fields)).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint({ ...fields })).toBe(requestFingerprint(fields));
    expect(requestFingerprint({ ...fields, proposedName: '鞍山市千山区测试协会 ' })).not.toBe(requestFingerprint(fields));
    expect(requestFingerprint({ ...fields, note: '' })).not.toBe(requestFingerprint(fields));
  });
});

describe('readIdempotencyKey', () => {
  it('reads a plain or quoted key', () => {
    expect(readIdempotencyKey('0b6f6f5e-6c1e-4f43-9d36-1f2e7a0c9d11')).toEqual({ kind: 'valid', key: '0b6f6f5e-6c1e-4f43-9d36-1f2e7a0c9d11' });
    expect(readIdempotencyKey('"abc"')).toEqual({ kind: 'valid', key: 'abc' });
  });

  it('tells a missing key from an invalid one', () => {
    expect(readIdempotencyKey(undefined)).toEqual({ kind: 'missing' });
    expect(readIdempotencyKey('  ')).toEqual({ kind: 'missing' });
    expect(readIdempotencyKey('has space')).toEqual({ kind: 'invalid' });
    expect(readIdempotencyKey('x'.repeat(256))).toEqual({ kind: 'invalid' });
    expect(readIdempotencyKey(['a', 'b'])).toEqual({ kind: 'invalid' });
    expect(readIdempotencyKey('键')).toEqual({ kind: 'invalid' });
  });
});
