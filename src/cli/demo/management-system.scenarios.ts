import { ServiceScope } from '../../auth/service-principal';
import { DemoContext, DemoResponse, DemoRow, summarize } from './demo-context';
import { demoResidentId, demoUscc, importDemoLegacyAccount } from './demo-data';

/** Largest page of `GET /v1/events` (EventFeedQueryDto). */
const FEED_PAGE = 1000;

/** One event of `GET /v1/events`. */
interface FeedEvent {
  readonly cursor: string;
  readonly type: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly data: Record<string, unknown>;
}

function syncResult(response: DemoResponse): { outcome: string; detail: string } {
  if (response.status >= 400) return summarize(response);
  const body = response.body;
  return {
    outcome: `${response.status} ${body.outcome}${body.transition ? ` (${body.transition})` : ''}`,
    detail: `${body.organization.name}: ${body.organization.status}, version ${body.organization.version}`,
  };
}

/** What an event says, without the ids the request column shows (organization, aggregate). */
function eventDetail(event: FeedEvent): string {
  return Object.entries(event.data)
    .filter(([key, value]) => !['organizationId', 'bindingId'].includes(key) && value !== null && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join(' ');
}

/**
 * The management system's server-to-server side (guide §3 注4, 图9 option 一), with service tokens
 * from the development platform: it syncs an organization in formation into orgbind, a
 * natural-person user binds it with the legacy account the authority issued, the management
 * system records its establishment (`POST …/establishment`), the natural-person user is told
 * `LEGAL_PERSON_ACCOUNT_REQUIRED`, the legal-person user binds, and the management system reads
 * the event feed from the start and finds that journey's events, in order.
 * Each run uses a new fictional organization and people.
 */
export async function managementSystemScenarios(ctx: DemoContext): Promise<DemoRow[]> {
  const rows: DemoRow[] = [];
  const push = (scenario: string, request: string, result: { outcome: string; detail: string }) => rows.push({ scenario, request, ...result });
  const run = Date.now();
  const suffix = String(run).slice(-5);
  const externalId = `demo-mis-${run}`;
  const name = `鞍山市立山区科普志愿服务${suffix}协会`;
  const uscc = demoUscc(run + 1);
  const registrySync = await ctx.mintService([ServiceScope.REGISTRY_WRITE]);
  const feedReader = await ctx.mintService([ServiceScope.EVENTS_READ]);

  const synced = await ctx.call('PUT', `/v1/organizations/${externalId}`, {
    token: registrySync,
    json: { name, type: 'social_group', status: 'in_formation', divisionCode: '210300' },
  });
  if (synced.status >= 300) throw new Error(`registry sync failed: ${synced.status} ${JSON.stringify(synced.body)}`);
  const organizationId: string = synced.body.organization.id;
  push('management system syncs an organization in formation', `PUT /v1/organizations/${externalId} status=in_formation`, syncResult(synced));

  const loginName = `demo-mis-${run}`;
  const password = `Mis#${suffix}`;
  await importDemoLegacyAccount({ loginName, password, organizationExternalId: externalId, file: `demo management system ${run}` });
  const natural = await ctx.mint({ sub: `demo-mis-natural-${run}`, userType: 'natural_person', name: '赵示例', residentId: demoResidentId(run) });
  const legacy = await ctx.call('POST', '/v1/bindings/legacy-account', { token: natural, json: { organizationName: name, loginName, password } });
  push('natural-person user binds it by legacy account', `POST /v1/bindings/legacy-account ${loginName}`, summarize(legacy));

  const established = await ctx.call('POST', `/v1/organizations/${organizationId}/establishment`, {
    token: registrySync,
    json: { uscc, certificateName: name, establishedAt: new Date().toISOString().slice(0, 10) },
  });
  const effects = established.body?.effects ?? {};
  push('management system records the establishment', `POST /v1/organizations/{id}/establishment uscc=${uscc}`, established.status >= 400 ? summarize(established) : {
    outcome: `${established.status} ${established.body.transition}`,
    detail: `superseded bindings ${effects.supersededBindings}, scheduled supersessions ${effects.scheduledSupersessions}${effects.supersedeAt ? ` (at ${effects.supersedeAt})` : ''}`,
  });

  const told = await ctx.call('POST', '/v1/resolutions', { token: natural });
  push('natural-person user logs in', 'POST /v1/resolutions (natural_person)', {
    outcome: told.status >= 400 ? summarize(told).outcome : told.body.status,
    detail: told.body?.legalPersonAccount ? `register a legal-person user for ${told.body.legalPersonAccount.name} / ${told.body.legalPersonAccount.uscc}` : (told.body?.message ?? ''),
  });

  const legal = await ctx.mint({ sub: `demo-mis-legal-${run}`, userType: 'legal_person', name, uscc, verificationLevel: 'enterprise' });
  const bound = await ctx.call('POST', '/v1/resolutions', { token: legal });
  const boundResult = summarize(bound);
  push('legal-person user binds', `POST /v1/resolutions (legal_person ${uscc})`, {
    ...boundResult,
    detail: `${boundResult.detail}; same organization: ${bound.body?.organization?.id === organizationId}`,
  });

  // The management system reads the whole feed, as a new consumer does, page by page.
  const journey: FeedEvent[] = [];
  let after = '0';
  let read = 0;
  let pages = 0;
  for (let more = true; more; pages++) {
    const page = await ctx.call('GET', `/v1/events?after=${after}&limit=${FEED_PAGE}`, { token: feedReader });
    if (page.status !== 200) throw new Error(`event feed: ${page.status} ${JSON.stringify(page.body)}`);
    const events: FeedEvent[] = page.body.events;
    read += events.length;
    journey.push(...events.filter((event) => event.data.organizationId === organizationId));
    after = page.body.nextCursor;
    more = page.body.hasMore === true;
  }
  push('management system reads the event feed from the start', `GET /v1/events?after=0&limit=${FEED_PAGE} (${pages} page${pages > 1 ? 's' : ''})`, {
    outcome: `200: ${read} events`,
    detail: `${journey.length} of this journey, next cursor ${after}`,
  });
  for (const event of journey) {
    push(`  feed event, cursor ${event.cursor}`, `${event.aggregateType} ${event.aggregateId.slice(0, 8)}…`, { outcome: event.type, detail: eventDetail(event) });
  }
  return rows;
}
