import { decide, newApplicant, registrarToken, submitApplication } from '../support/applications';
import { applicationBody, createAuthority, createRegistrar } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

interface FeedEvent {
  cursor: string;
  type: string;
  aggregateId: string;
  data: { applicationId?: string; authorityCode?: string; bindingId?: string };
}

/** The feed as the management system reads it, while applications are filed and decided concurrently. */
describe('GET /v1/events: application and binding events under concurrent writes', () => {
  let t: TestApp;
  let feedToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    feedToken = await t.mint({ sub: 'management-system', userType: 'service', scope: 'orgbind:events.read' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function readFeed(after: string, limit: number): Promise<{ events: FeedEvent[]; nextCursor: string; hasMore: boolean }> {
    const page = await t.request(`/v1/events?after=${after}&limit=${limit}`, { token: feedToken });
    expect(page.status).toBe(200);
    return page.body;
  }

  async function lastCursor(): Promise<string> {
    let cursor = '0';
    for (;;) {
      const page = await readFeed(cursor, 1000);
      cursor = page.nextCursor;
      if (!page.hasMore) return cursor;
    }
  }

  it('delivers every submitted, withdrawn, approved, rejected and binding event once, strictly ordered, each application in its own order', async () => {
    const authority = await createAuthority(t.dataSource, { divisionCode: '210311' });
    const registrar = await registrarToken(t, (await createRegistrar(t.dataSource, { issuer: t.platform.issuer, authorityCodes: [authority.code] })).subject);
    const start = await lastCursor();

    // A consumer polls with small pages while the writers commit; it must never skip an event.
    let writing = true;
    const polled: FeedEvent[] = [];
    const consumer = (async () => {
      let cursor = start;
      while (writing || (await readFeed(cursor, 1)).events.length > 0) {
        const page = await readFeed(cursor, 5);
        polled.push(...page.events.filter((e) => e.data.authorityCode === authority.code || e.type === 'binding.created'));
        cursor = page.nextCursor;
        if (page.events.length === 0) await new Promise((r) => setTimeout(r, 5));
      }
    })();

    const applicants = await Promise.all(Array.from({ length: 30 }, () => newApplicant(t)));
    const filed = await Promise.all(applicants.map((a) => submitApplication(t, a.token, applicationBody(authority))));
    expect(filed.every((r) => r.status === 201)).toBe(true);
    const ids = filed.map((r) => r.body.id as string);
    const outcomes = await Promise.all(
      ids.map((id, i) =>
        i % 3 === 0
          ? decide(t, registrar, id, 'approve', 1)
          : i % 3 === 1
            ? decide(t, registrar, id, 'reject', 1)
            : t.request(`/v1/registration-applications/${id}/withdraw`, { method: 'POST', token: applicants[i].token }),
      ),
    );
    expect(outcomes.every((r) => r.status === 200)).toBe(true);
    writing = false;
    await consumer;

    const mine = polled.filter((e) => e.data.applicationId && ids.includes(e.data.applicationId));
    // Complete and exactly once.
    expect(mine).toHaveLength(30 + 30 + 10);
    expect(new Set(mine.map((e) => e.cursor)).size).toBe(mine.length);
    // Strictly increasing cursors.
    const cursors = mine.map((e) => BigInt(e.cursor));
    expect(cursors.every((c, i) => i === 0 || c > cursors[i - 1])).toBe(true);
    // Per application: submitted, then its one decision; an approval immediately followed by its binding.
    ids.forEach((id, i) => {
      const events = mine.filter((e) => e.data.applicationId === id);
      const expected = i % 3 === 0 ? ['application.submitted', 'application.approved', 'binding.created'] : i % 3 === 1 ? ['application.submitted', 'application.rejected'] : ['application.submitted', 'application.withdrawn'];
      expect([id, events.map((e) => e.type)]).toEqual([id, expected]);
      if (i % 3 === 0) expect(BigInt(events[2].cursor) - BigInt(events[1].cursor)).toBe(1n);
    });
    // The feed read again from the same cursor gives the same events (at-least-once: re-reading is safe).
    let cursor = start;
    const reread: FeedEvent[] = [];
    for (;;) {
      const page = await readFeed(cursor, 7);
      reread.push(...page.events.filter((e) => e.data.applicationId && ids.includes(e.data.applicationId)));
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(reread.map((e) => e.cursor)).toEqual(mine.map((e) => e.cursor));
  });
});
