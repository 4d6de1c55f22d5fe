import { readIfMatch, versionTag } from './entity-tag';

describe('entity tags', () => {
  it('formats a version as a weak tag', () => {
    expect(versionTag(3)).toBe('W/"3"');
  });

  it('reads weak and strong tags and lists', () => {
    expect(readIfMatch('W/"3"')).toEqual({ kind: 'versions', versions: [3] });
    expect(readIfMatch('"3"')).toEqual({ kind: 'versions', versions: [3] });
    expect(readIfMatch(' W/"1", "2" ')).toEqual({ kind: 'versions', versions: [1, 2] });
  });

  it('tells absent, any and invalid apart', () => {
    expect(readIfMatch(undefined)).toEqual({ kind: 'absent' });
    expect(readIfMatch('')).toEqual({ kind: 'absent' });
    expect(readIfMatch('*')).toEqual({ kind: 'any' });
    expect(readIfMatch('3')).toEqual({ kind: 'invalid' });
    expect(readIfMatch('W/"x"')).toEqual({ kind: 'invalid' });
    expect(readIfMatch('W/"1", *')).toEqual({ kind: 'invalid' });
  });
});
