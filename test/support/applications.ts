import { randomUUID } from 'node:crypto';
import { fakeResidentId, fakeSubject } from './factories';
import { TestApp, TestResponse } from './test-app';

/** A natural-person applicant: a fresh platform account and its token. */
export async function newApplicant(t: TestApp, userType: 'natural_person' | 'individual_business' = 'natural_person'): Promise<{ sub: string; token: string }> {
  const sub = fakeSubject('applicant');
  return { sub, token: await t.mint({ sub, userType, name: '张测试', residentId: fakeResidentId() }) };
}

/** `POST /v1/registration-applications` with an Idempotency-Key (a fresh one unless given). */
export function submitApplication(t: TestApp, token: string, body: unknown, key: string | null = randomUUID(), headers: Record<string, string> = {}): Promise<TestResponse> {
  return t.request('/v1/registration-applications', {
    method: 'POST',
    token,
    json: body,
    headers: key === null ? headers : { 'idempotency-key': key, ...headers },
  });
}

/** A registrar's platform token (the account must be on the roster to be a registrar). */
export function registrarToken(t: TestApp, subject: string): Promise<string> {
  return t.mint({ sub: subject, userType: 'natural_person', name: '审核员' });
}

/** `POST /v1/review/registration-applications/{id}/{approve|reject}` with If-Match. */
export function decide(
  t: TestApp,
  token: string,
  id: string,
  action: 'approve' | 'reject',
  version: number | null,
  body: unknown = action === 'reject' ? { reason: '材料不全，请补充后重新申请。' } : {},
): Promise<TestResponse> {
  return t.request(`/v1/review/registration-applications/${id}/${action}`, {
    method: 'POST',
    token,
    json: body,
    headers: version === null ? {} : { 'if-match': `W/"${version}"` },
  });
}

/** `POST /v1/resolutions` for a token. */
export function resolve(t: TestApp, token: string, headers: Record<string, string> = {}): Promise<TestResponse> {
  return t.request('/v1/resolutions', { method: 'POST', token, headers });
}
