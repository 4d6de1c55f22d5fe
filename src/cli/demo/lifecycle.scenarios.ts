import { ServiceScope } from '../../auth/service-principal';
import { DemoContext, DemoResponse, DemoRow, summarize } from './demo-context';
import { demoUscc, importDemoLegacyAccount } from './demo-data';

const CHROME_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const SAFARI_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

function sessionDetail(response: DemoResponse): { outcome: string; detail: string } {
  const body = response.body ?? {};
  if (response.status >= 400) {
    const other = body.activeSession ? ` [other session: since ${body.activeSession.startedAt}, ${body.activeSession.clientIpMasked}, ${body.activeSession.device}]` : '';
    return { outcome: `${response.status} ${body.code ?? ''}`.trim(), detail: `${body.detail ?? ''}${other}` };
  }
  const replaced = body.replaced ? `; ended the session from ${body.replaced.clientIpMasked} (${body.replaced.device})` : '';
  const reason = body.endReason ? ` (${body.endReason}${body.replacedBy ? `, taken over from ${body.replacedBy.clientIpMasked} ${body.replacedBy.device}` : ''})` : '';
  return { outcome: `${response.status} session ${body.status}${reason}`, detail: `${body.clientIpMasked ?? ''} ${body.device ?? ''}${replaced}`.trim() };
}

/**
 * The organization lifecycle (guide §3 注4) and one session per account (图11): an organization in
 * formation, bound by a natural-person user, is established through the registry sync API; the
 * natural-person user is told to register a legal-person user; the legal-person user binds and
 * logs in; a second login elsewhere is prompted, then takes over; deregistration ends it all.
 * Each run uses a new fictional organization.
 */
export async function lifecycleScenarios(ctx: DemoContext): Promise<DemoRow[]> {
  const rows: DemoRow[] = [];
  const run = Date.now();
  const externalId = `demo-lifecycle-${run}`;
  const name = `鞍山市智慧社区服务${String(run).slice(-4)}号行业协会`;
  const uscc = demoUscc(run);
  const service = await ctx.mintService([ServiceScope.REGISTRY_WRITE, ServiceScope.SESSIONS]);
  const push = (scenario: string, request: string, result: { outcome: string; detail: string }) => rows.push({ scenario, request, ...result });

  const synced = await ctx.call('PUT', `/v1/organizations/${externalId}`, {
    token: service,
    json: { name, type: 'social_group', status: 'in_formation', divisionCode: '210300' },
  });
  const organizationId: string = synced.body.organization.id;
  push('registry sync: organization in formation', `PUT /v1/organizations/${externalId} status=in_formation`, {
    outcome: `${synced.status} ${synced.body.outcome}`,
    detail: `${name} (version ${synced.body.organization.version})`,
  });

  const natural = await ctx.mint({ sub: `demo-natural-${run}`, userType: 'natural_person', name: '王测试' });
  // The authority issued legacy credentials to the organization in formation (图9 option 一).
  const loginName = `demo-lifecycle-${run}`;
  const password = `Demo#${String(run).slice(-6)}`;
  await importDemoLegacyAccount({ loginName, password, organizationExternalId: externalId, file: `demo lifecycle ${run}` });
  const legacyBound = await ctx.call('POST', '/v1/bindings/legacy-account', { token: natural, json: { organizationName: name, loginName, password } });
  push('natural-person user binds the legacy account', `POST /v1/bindings/legacy-account ${loginName}`, summarize(legacyBound));
  push('natural-person user logs in', 'POST /v1/resolutions (natural_person)', summarize(await ctx.call('POST', '/v1/resolutions', { token: natural })));
  const naturalSession = await ctx.call('POST', '/v1/sessions', { token: natural, json: { clientIp: '203.0.113.18', userAgent: CHROME_ON_WINDOWS } });
  push('natural-person user opens a session', 'POST /v1/sessions', sessionDetail(naturalSession));

  const established = await ctx.call('POST', `/v1/organizations/${organizationId}/establishment`, {
    token: service,
    json: { uscc, certificateName: name, establishedAt: new Date().toISOString().slice(0, 10) },
  });
  const effects = established.body.effects ?? {};
  push('establishment (seal and bank filing done)', `POST …/establishment uscc=${uscc}`, {
    outcome: `${established.status} ${established.body.transition ?? established.body.code}`,
    detail: `superseded bindings ${effects.supersededBindings}, scheduled ${effects.scheduledSupersessions}, ended sessions ${effects.endedSessions}`,
  });
  const told = await ctx.call('POST', '/v1/resolutions', { token: natural });
  push('natural-person user logs in again', 'POST /v1/resolutions (natural_person)', {
    outcome: told.body.status,
    detail: told.body.legalPersonAccount ? `register: ${told.body.legalPersonAccount.name} / ${told.body.legalPersonAccount.uscc}` : told.body.message,
  });
  push('natural-person session checked', 'GET /v1/sessions/{id}', sessionDetail(await ctx.call('GET', `/v1/sessions/${naturalSession.body.id}`, { token: service })));

  const legal = await ctx.mint({ sub: `demo-legal-${run}`, userType: 'legal_person', name, uscc, verificationLevel: 'none' });
  const bound = await ctx.call('POST', '/v1/resolutions', { token: legal });
  push('legal-person user registers and logs in', `POST /v1/resolutions (legal_person ${uscc})`, {
    ...summarize(bound),
    detail: `${summarize(bound).detail}; same organization: ${bound.body.organization?.id === organizationId}`,
  });
  const first = await ctx.call('POST', '/v1/sessions', { token: legal, json: { clientIp: '203.0.113.25', userAgent: CHROME_ON_WINDOWS } });
  push('legal-person user opens a session (office PC)', 'POST /v1/sessions', sessionDetail(first));
  const prompted = await ctx.call('POST', '/v1/sessions', { token: legal, json: { clientIp: '198.51.100.77', userAgent: SAFARI_ON_MAC } });
  push('second login elsewhere (图11 prompt)', 'POST /v1/sessions (laptop)', sessionDetail(prompted));
  const takeover = await ctx.call('POST', '/v1/sessions', { token: legal, json: { clientIp: '198.51.100.77', userAgent: SAFARI_ON_MAC, takeover: true } });
  push('user confirms: take over', 'POST /v1/sessions takeover=true', sessionDetail(takeover));
  push('office PC checks its session', 'GET /v1/sessions/{id}', sessionDetail(await ctx.call('GET', `/v1/sessions/${first.body.id}`, { token: service })));

  const deregistered = await ctx.call('POST', `/v1/organizations/${organizationId}/deregistration`, { token: service, json: {} });
  push('deregistration', 'POST …/deregistration', {
    outcome: `${deregistered.status} ${deregistered.body.transition ?? deregistered.body.code}`,
    detail: `revoked bindings ${deregistered.body.effects?.revokedBindings}, ended sessions ${deregistered.body.effects?.endedSessions}`,
  });
  push('legal-person user logs in', 'POST /v1/resolutions (legal_person)', summarize(await ctx.call('POST', '/v1/resolutions', { token: legal })));
  return rows;
}
