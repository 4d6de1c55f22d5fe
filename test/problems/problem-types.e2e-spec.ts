import { createHash } from 'node:crypto';
import { ERROR_CATALOG } from '../../src/common/errors/error-catalog';
import { ErrorCode } from '../../src/common/errors/error-codes';
import { problemTypeName } from '../../src/common/errors/problem';
import { describeProblemType, PROBLEM_PAGE_CSP } from '../../src/problems/domain/problem-types';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * RFC 9457 §3.1.1: the `type` of every problem+json answer resolves to documentation the
 * service itself serves (`GET /problems/{type}`), from the error catalog, in zh-CN or English,
 * as HTML or JSON; behind a trusted proxy the URI names the public origin.
 */
describe('problem types', () => {
  let t: TestApp;
  const codes = Object.keys(ERROR_CATALOG) as ErrorCode[];

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('an error answer\'s type is a URL on the service that documents it', async () => {
    const answer = await t.request('/v1/resolutions', { method: 'POST' });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('TOKEN_MISSING');
    expect(answer.body.type).toBe(`${t.url}/problems/token-missing`);

    const page = await fetch(answer.body.type);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-language')).toBe('zh-CN');
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`<h1>${ERROR_CATALOG.TOKEN_MISSING.title.zh}</h1>`);
    expect(html).toContain(ERROR_CATALOG.TOKEN_MISSING.when.zh);
    expect(html).toContain(ERROR_CATALOG.TOKEN_MISSING.action.zh);
    expect(html).toContain(`<code>${answer.body.type}</code>`);

    const english = await fetch(answer.body.type, { headers: { 'accept-language': 'en' } });
    expect(english.headers.get('content-language')).toBe('en');
    expect(await english.text()).toContain(`<h1>${ERROR_CATALOG.TOKEN_MISSING.title.en}</h1>`);
  });

  it('behind a trusted proxy, the type names the public origin (X-Forwarded-Proto / X-Forwarded-Host)', async () => {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'orgbind.example.org' };
    const answer = await t.request('/v1/resolutions', { method: 'POST', headers });
    expect(answer.body.type).toBe('https://orgbind.example.org/problems/token-missing');
    const entry = await t.request('/problems/token-missing', { headers: { ...headers, accept: 'application/json' } });
    expect(entry.body.type).toBe('https://orgbind.example.org/problems/token-missing');
  });

  it('a Host that is not a plain host[:port] is never echoed: the type is then the relative path', async () => {
    const answer = await t.request('/v1/resolutions', { method: 'POST', headers: { 'x-forwarded-host': 'evil.example/"><script>' } });
    expect(answer.status).toBe(401);
    expect(answer.body.type).toBe('/problems/token-missing');
  });

  it('every code of the catalog has its page, in both languages, as HTML and as JSON', async () => {
    for (const code of codes) {
      const path = `/problems/${problemTypeName(code)}`;
      const entry = ERROR_CATALOG[code];

      const zh = await t.request(path);
      expect([code, zh.status]).toEqual([code, 200]);
      expect(zh.text).toContain(`<code>${code}</code>`);
      expect(zh.text).toContain(`<dd>${entry.status}</dd>`);
      for (const text of [entry.title.zh, entry.when.zh, entry.action.zh]) expect(zh.text).toContain(escape(text));
      for (const name of [...Object.keys(entry.extensions ?? {}), ...Object.keys(entry.headers ?? {})]) expect(zh.text).toContain(`<code>${name}</code>`);

      const en = await t.request(path, { headers: { 'accept-language': 'en' } });
      for (const text of [entry.title.en, entry.when.en, entry.action.en]) expect(en.text).toContain(escape(text));

      const json = await t.request(path, { headers: { accept: 'application/json', 'accept-language': 'en' } });
      expect(json.status).toBe(200);
      expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(json.body).toEqual(describeProblemType(code, 'en', `${t.url}/problems/`));
      expect(json.body).toMatchObject({ code, status: entry.status, title: entry.title.en });
    }
  });

  it('the pages are cacheable, vary on Accept and Accept-Language, and run nothing', async () => {
    const page = await t.request('/problems/token-invalid');
    expect(page.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(page.headers.get('vary')).toBe('Accept, Accept-Language');
    expect(page.headers.get('content-security-policy')).toBe(PROBLEM_PAGE_CSP);
    expect(page.text).not.toContain('<script');
    const style = /<style>([^<]*)<\/style>/.exec(page.text)?.[1] ?? '';
    expect(PROBLEM_PAGE_CSP).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    const json = await t.request('/problems/token-invalid', { headers: { accept: 'application/json' } });
    expect(json.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(json.headers.get('vary')).toBe('Accept, Accept-Language');
  });

  it('the index lists every problem type, with links that resolve', async () => {
    const html = await t.request('/problems');
    expect(html.status).toBe(200);
    for (const code of codes) expect(html.text).toContain(`<a href="problems/${problemTypeName(code)}"><code>${code}</code></a>`);
    const back = /<a href="([^"]+)">/.exec((await t.request('/problems/not-found')).text)?.[1];
    expect(new URL(back!, `${t.url}/problems/not-found`).pathname).toBe('/problems');

    const json = await t.request('/problems', { headers: { accept: 'application/json' } });
    expect(json.body.problemTypes.map((p: { code: string }) => p.code)).toEqual(codes);
    expect(json.body.problemTypes[0]).toEqual(describeProblemType(codes[0], 'zh', `${t.url}/problems/`));
  });

  it('an unknown type is 404 NOT_FOUND problem+json (and not cacheable)', async () => {
    for (const name of ['no-such-problem', 'TOKEN_INVALID', 'token_invalid', '..%2Fhealth', 'token-invalid-']) {
      const response = await t.request(`/problems/${name}`, { headers: { accept: 'application/json' } });
      expect([name, response.status]).toEqual([name, 404]);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'NOT_FOUND', type: `${t.url}/problems/not-found` });
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('the problem document and the page agree: the 404 of an unknown type documents itself', async () => {
    const response = await t.request('/problems/nothing-here');
    const page = await fetch(response.body.type, { headers: { accept: 'application/json' } });
    expect(await page.json()).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
