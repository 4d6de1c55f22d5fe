import { decodeReviewCursor, encodeReviewCursor } from './review-cursor';

describe('review cursor', () => {
  const cursor = { submittedAt: '2026-11-20T08:00:00.123456Z', id: '0b6f6f5e-6c1e-4f43-9d36-1f2e7a0c9d11' };

  it('round-trips and is URL-safe', () => {
    const encoded = encodeReviewCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeReviewCursor(encoded)).toEqual(cursor);
  });

  it('refuses anything it did not issue', () => {
    for (const bad of ['', 'abc', '%%%', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["2026-11-20", "x"]').toString('base64url'), 'x'.repeat(201)]) {
      expect(decodeReviewCursor(bad)).toBeNull();
    }
  });
});
