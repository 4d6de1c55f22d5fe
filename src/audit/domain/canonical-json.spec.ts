import { canonicalJson, JsonNumber, parseJsonPreservingNumbers } from './canonical-json';

describe('canonical JSON', () => {
  const canon = (text: string) => canonicalJson(parseJsonPreservingNumbers(text));

  it('sorts keys at every depth and drops whitespace', () => {
    expect(canon('{"b": 1, "a": {"z": [3, {"y": true, "x": null}], "c": "d"}}')).toBe('{"a":{"c":"d","z":[3,{"x":null,"y":true}]},"b":1}');
  });

  it('gives the same text for the same value whatever the key order (jsonb reorders keys)', () => {
    expect(canon('{"imported": 1, "file": "a.tsv", "rows": 2}')).toBe(canon('{"rows":2,"file":"a.tsv","imported":1}'));
  });

  it('keeps number lexemes exactly: no rounding through doubles, no reformatting', () => {
    expect(canon('{"big": 12345678901234567890, "scaled": 1.50, "neg": -0.0001}')).toBe('{"big":12345678901234567890,"neg":-0.0001,"scaled":1.50}');
    expect(canon('[9007199254740993]')).not.toBe(canon('[9007199254740992]'));
  });

  it('sorts keys by UTF-16 code units (RFC 8785), including non-ASCII keys', () => {
    expect(canonicalJson({ 名称: 'x', b: 'y', A: 'z', é: '1' })).toBe('{"A":"z","b":"y","é":"1","名称":"x"}');
  });

  it('escapes strings as JSON.stringify does (quotes, control characters, lone surrogates)', () => {
    expect(canonicalJson({ s: 'a"b\\c\n\u0001\ud800' })).toBe('{"s":"a\\"b\\\\c\\n\\u0001\\ud800"}');
  });

  it('omits undefined members and keeps nulls', () => {
    const value = { a: null, b: undefined } as unknown as Parameters<typeof canonicalJson>[0];
    expect(canonicalJson(value)).toBe('{"a":null}');
    expect(canonicalJson([new JsonNumber('1e3'), false])).toBe('[1e3,false]');
  });

  it('rejects invalid JSON', () => {
    expect(() => parseJsonPreservingNumbers('{"a":')).toThrow(SyntaxError);
  });
});
