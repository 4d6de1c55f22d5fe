import { ChainLink, eventLink, GENESIS_HASH, gapLink, StoredAuditEvent } from './audit-chain';
import { ChainVerifier, LinkUnderVerification } from './chain-verifier';

function event(id: number, reason: string | null = null): StoredAuditEvent {
  return {
    id: String(id), occurred_at: '2026-11-29T00:00:00.000001Z', actor_kind: 'system', actor: null, action: 'test.event', target_type: null,
    target_id: null, outcome: 'success', reason, request_id: null, client_ip_masked: null, details: '{"n": 1}',
  };
}

/** A sealed chain over events 1..n with a gap at the given ids. */
function chain(n: number, gaps: number[] = []): { links: ChainLink[]; events: Map<number, StoredAuditEvent> } {
  const links: ChainLink[] = [];
  const events = new Map<number, StoredAuditEvent>();
  let hash = GENESIS_HASH;
  for (let id = 1; id <= n; id++) {
    const link = gaps.includes(id) ? gapLink(hash, BigInt(id), BigInt(id)) : eventLink(hash, event(id));
    if (!gaps.includes(id)) events.set(id, event(id));
    links.push(link);
    hash = link.hash;
  }
  return { links, events };
}

function feed(links: ChainLink[], events: Map<number, StoredAuditEvent>): LinkUnderVerification[] {
  return links.map((l) => ({
    kind: l.kind,
    eventId: l.eventId.toString(),
    throughId: l.throughId.toString(),
    prevHash: l.prevHash,
    hash: l.hash,
    event: events.get(Number(l.eventId)) ?? null,
    eventIdsInGap: l.kind === 'gap' ? [...events.keys()].filter((id) => BigInt(id) >= l.eventId && BigInt(id) <= l.throughId).map(String) : [],
  }));
}

function verify(links: ChainLink[], events: Map<number, StoredAuditEvent>, options: { head?: { throughId: string; hash: string }; expect?: { throughId: string; hash: string }[] } = {}) {
  const verifier = new ChainVerifier({ throughId: '0', hash: GENESIS_HASH }, options.expect);
  for (const link of feed(links, events)) verifier.accept(link);
  const last = links[links.length - 1];
  return verifier.finish(options.head ?? { throughId: last.throughId.toString(), hash: last.hash });
}

describe('ChainVerifier', () => {
  it('accepts an intact chain with gaps and counts links', () => {
    const { links, events } = chain(10, [4, 7]);
    const summary = verify(links, events);
    expect(summary).toMatchObject({ intact: true, links: 10, eventLinks: 8, gapLinks: 2, gapIds: 2, problemCount: 0, end: { throughId: '10' } });
  });

  it('names the changed event with the recomputed and the sealed hash, and keeps checking after it', () => {
    const { links, events } = chain(10);
    events.set(6, event(6, 'rewritten'));
    const summary = verify(links, events);
    expect(summary.intact).toBe(false);
    expect(summary.problems).toHaveLength(1);
    expect(summary.problems[0]).toMatchObject({ kind: 'HASH_MISMATCH', eventId: '6', stored: links[5].hash });
    expect(summary.problems[0].expected).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.problems[0].expected).not.toBe(links[5].hash);
  });

  it('detects a deleted event', () => {
    const { links, events } = chain(5);
    events.delete(3);
    expect(verify(links, events).problems).toEqual([expect.objectContaining({ kind: 'EVENT_MISSING', eventId: '3' })]);
  });

  it('detects an event deleted together with its link (the chain jumps)', () => {
    const { links, events } = chain(5);
    events.delete(3);
    const summary = verify(links.filter((l) => l.eventId !== 3n), events);
    expect(summary.problems.map((p) => [p.kind, p.eventId])).toEqual([['LINK_MISSING', '4'], ['PREVIOUS_HASH_MISMATCH', '4']]);
    expect(summary.problems[0]).toMatchObject({ expected: '3', stored: '4' });
  });

  it('detects a rewritten link whose hash was recomputed (the next link no longer follows)', () => {
    const { links, events } = chain(5);
    events.set(2, event(2, 'forged'));
    links[1] = eventLink(links[1].prevHash, event(2, 'forged'));
    expect(verify(links, events).problems.map((p) => [p.kind, p.eventId])).toEqual([['PREVIOUS_HASH_MISMATCH', '3']]);
  });

  it('detects an event inserted where the chain records a gap', () => {
    const { links, events } = chain(5, [3]);
    events.set(3, event(3));
    expect(verify(links, events).problems).toEqual([expect.objectContaining({ kind: 'EVENT_IN_GAP', eventId: '3' })]);
  });

  it('detects a cut end of chain through the head', () => {
    const { links, events } = chain(5);
    const summary = verify(links.slice(0, 3), events, { head: { throughId: '5', hash: links[4].hash } });
    expect(summary.problems).toEqual([expect.objectContaining({ kind: 'HEAD_MISMATCH', eventId: '5' })]);
  });

  it('checks hashes recorded outside the database', () => {
    const { links, events } = chain(5);
    const ok = verify(links, events, { expect: [{ throughId: '4', hash: links[3].hash }] });
    expect(ok.intact).toBe(true);
    expect(ok.expectations).toEqual([{ throughId: '4', hash: links[3].hash, status: 'ok' }]);
    const bad = verify(links, events, { expect: [{ throughId: '4', hash: links[2].hash }, { throughId: '9', hash: links[2].hash }] });
    expect(bad.problems.map((p) => [p.kind, p.eventId])).toEqual([['EXPECTED_HASH_MISMATCH', '4'], ['EXPECTED_HASH_MISMATCH', '9']]);
  });

  it('starts from an anchor after a purge', () => {
    const { links, events } = chain(6);
    const verifier = new ChainVerifier({ throughId: '3', hash: links[2].hash }, [{ throughId: '1', hash: 'x' }]);
    for (const link of feed(links.slice(3), events)) verifier.accept(link);
    const summary = verifier.finish({ throughId: '6', hash: links[5].hash });
    expect(summary).toMatchObject({ intact: true, links: 3, anchor: { throughId: '3' } });
    expect(summary.expectations).toEqual([{ throughId: '1', hash: 'x', status: 'purged' }]);
  });
});
