import { startTestApp, TestApp } from '../support/test-app';

/** `PROBLEM_TYPE_BASE_URI` set: every `type` is under it, whatever host the request named. */
describe('problem types under PROBLEM_TYPE_BASE_URI', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ PROBLEM_TYPE_BASE_URI: 'https://docs.orgbind.example.org/errors' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('types are the configured base (with its slash added) and the type name', async () => {
    const answer = await t.request('/v1/resolutions', { method: 'POST', headers: { 'x-forwarded-host': 'ignored.example.org' } });
    expect(answer.body).toMatchObject({ code: 'TOKEN_MISSING', type: 'https://docs.orgbind.example.org/errors/token-missing' });
    const entry = await t.request('/problems/token-missing', { headers: { accept: 'application/json' } });
    expect(entry.body.type).toBe('https://docs.orgbind.example.org/errors/token-missing');
  });

  it('the service still serves its own pages', async () => {
    const page = await t.request('/problems/validation-failed');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<code>VALIDATION_FAILED</code>');
  });
});
