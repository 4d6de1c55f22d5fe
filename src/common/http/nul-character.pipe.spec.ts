import { RequestValidationError } from '../errors/validation';
import { NulCharacterPipe, nulCharacterPaths } from './nul-character.pipe';

describe('nulCharacterPaths', () => {
  it('names every string holding U+0000, at any depth, by its dotted path', () => {
    expect(nulCharacterPaths({ a: 'ok', b: 'x\u0000', c: { d: ['fine', '\u0000'] } })).toEqual(['b', 'c.d.1']);
  });

  it('names a key that holds NUL, and finds nothing in clean, non-string or empty values', () => {
    expect(nulCharacterPaths({ ['k\u0000']: 'v' })).toEqual(['k\u0000']);
    expect(nulCharacterPaths({ a: 1, b: null, c: true, d: [], e: '辽宁\t省\n' })).toEqual([]);
    expect(nulCharacterPaths(undefined)).toEqual([]);
  });

  it('names a bare string by its parameter name, or "value"', () => {
    expect(nulCharacterPaths('a\u0000b', 'cursor')).toEqual(['cursor']);
    expect(nulCharacterPaths('a\u0000b')).toEqual(['value']);
  });
});

describe('NulCharacterPipe', () => {
  const pipe = new NulCharacterPipe();

  it('refuses a body, query or params DTO holding NUL as VALIDATION_FAILED, one field error per field', () => {
    let thrown: unknown;
    try {
      pipe.transform({ key: 'qs-\u0000taiji', reason: 'ok' }, { type: 'body' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RequestValidationError);
    expect((thrown as RequestValidationError).fieldErrors).toEqual([expect.objectContaining({ field: 'key', constraint: 'noNulCharacter' })]);
    expect(() => pipe.transform({ q: '\u0000' }, { type: 'query' })).toThrow(RequestValidationError);
    expect(() => pipe.transform('\u0000', { type: 'query', data: 'cursor' })).toThrow(RequestValidationError);
    expect(() => pipe.transform({ id: '\u0000' }, { type: 'param' })).toThrow(RequestValidationError);
  });

  it('passes clean values through unchanged, and leaves a named path parameter to its own pipe', () => {
    const body = { key: 'qs-taiji' };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
    expect(pipe.transform('MZ\u0000-1', { type: 'param', data: 'code' })).toBe('MZ\u0000-1');
    expect(pipe.transform('\u0000', { type: 'custom' })).toBe('\u0000');
  });
});
