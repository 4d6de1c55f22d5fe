import { ERROR_CATALOG } from './error-catalog';
import { ErrorCode } from './error-codes';
import { buildProblem, codeOfProblemType, problemTypeBase, problemTypeName } from './problem';

describe('problem type URIs (RFC 9457 §3.1.1)', () => {
  it('names each code in kebab case, and reads the name back', () => {
    expect(problemTypeName(ErrorCode.TOKEN_INVALID)).toBe('token-invalid');
    for (const code of Object.keys(ERROR_CATALOG) as ErrorCode[]) expect(codeOfProblemType(problemTypeName(code))).toBe(code);
  });

  it('knows no other names', () => {
    for (const name of ['', 'TOKEN_INVALID', 'token_invalid', 'token-invalid-', '-token-invalid', 'token--invalid', 'constructor', 'to-string', 'no-such-problem', '../health']) {
      expect([name, codeOfProblemType(name)]).toEqual([name, undefined]);
    }
  });

  it('uses the configured base, whatever the request says', () => {
    expect(problemTypeBase('https://docs.example.org/problems/', { protocol: 'http', host: 'other.example.org' })).toBe('https://docs.example.org/problems/');
  });

  it('else the request\'s origin, for plain hosts with an optional port (names, IPv4, bracketed IPv6)', () => {
    expect(problemTypeBase(null, { protocol: 'https', host: 'orgbind.example.org' })).toBe('https://orgbind.example.org/problems/');
    expect(problemTypeBase(null, { protocol: 'http', host: '127.0.0.1:3000' })).toBe('http://127.0.0.1:3000/problems/');
    expect(problemTypeBase(null, { protocol: 'http', host: '[::1]:3000' })).toBe('http://[::1]:3000/problems/');
  });

  it('else the relative path: no host, or one that is not a plain host[:port], is never echoed', () => {
    for (const host of [undefined, '', 'a b', 'evil.example/path', 'user@evil.example', 'x"><script>', 'host:port', 'a..b', '-x.example']) {
      expect([host, problemTypeBase(null, { protocol: 'http', host })]).toEqual([host, '/problems/']);
    }
    expect(problemTypeBase(null, { protocol: 'ftp', host: 'x.example' })).toBe('/problems/');
    expect(problemTypeBase(null)).toBe('/problems/');
  });

  it('a problem document carries the type under the base it is given', () => {
    const problem = buildProblem({ code: ErrorCode.NOT_FOUND, typeBase: 'https://orgbind.example.org/problems/', language: 'en', requestId: 'r' });
    expect(problem).toMatchObject({ type: 'https://orgbind.example.org/problems/not-found', status: 404, code: 'NOT_FOUND', title: 'Not found' });
  });

  it('every catalog entry documents when it happens and what to do, in both languages', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOG)) {
      for (const text of [entry.when, entry.action, ...Object.values(entry.extensions ?? {}), ...Object.values(entry.headers ?? {})]) {
        expect([code, text.zh.length > 0 && text.en.length > 0]).toEqual([code, true]);
      }
    }
  });
});
