import { decodeSearchCursor, encodeSearchCursor, escapeLikePattern } from './support-search';

describe('escapeLikePattern', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(escapeLikePattern('100%_协会\\')).toBe('100\\%\\_协会\\\\');
    expect(escapeLikePattern('志愿者')).toBe('志愿者');
  });
});

describe('search cursor', () => {
  it('round-trips and rejects anything else', () => {
    const cursor = { name: '鞍山市千山区志愿者协会', id: '6f1d0b4e-8a43-4b57-9a4b-1c2d3e4f5a6b' };
    expect(decodeSearchCursor(encodeSearchCursor(cursor))).toEqual(cursor);
    expect(decodeSearchCursor('not-a-cursor')).toBeNull();
    expect(decodeSearchCursor(Buffer.from('["a","b"]').toString('base64url'))).toBeNull();
  });
});
