import { eventLink, GENESIS_HASH, gapLink, StoredAuditEvent } from './audit-chain';
import { planSeal, SealHeadState } from './seal-plan';

function event(id: number): StoredAuditEvent {
  return {
    id: String(id), occurred_at: '2026-11-29T00:00:00.000001Z', actor_kind: 'system', actor: null, action: 'test.event', target_type: null,
    target_id: null, outcome: 'success', reason: null, request_id: null, client_ip_masked: null, details: '{}',
  };
}
const events = (...ids: number[]) => ids.map(event);
const T0 = new Date('2026-11-29T08:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const start: SealHeadState = { lastThroughId: 0n, lastHash: GENESIS_HASH, observation: null };
const GRACE = 10_000;

describe('planSeal', () => {
  it('seals contiguous events in id order, each link chained to the previous one', () => {
    const plan = planSeal({ head: start, events: events(1, 2, 3), observationSettled: false, now: T0, gapGraceMs: GRACE });
    expect(plan.links.map((l) => [l.kind, l.eventId])).toEqual([['event', 1n], ['event', 2n], ['event', 3n]]);
    expect(plan.links[0].prevHash).toBe(GENESIS_HASH);
    expect(plan.links[1].prevHash).toBe(plan.links[0].hash);
    expect(plan.links[2]).toEqual(eventLink(plan.links[1].hash, event(3)));
    expect(plan).toMatchObject({ lastThroughId: 3n, lastHash: plan.links[2].hash, observation: { action: 'keep' }, blockedBy: null });
  });

  it('continues from the head', () => {
    const first = planSeal({ head: start, events: events(1, 2), observationSettled: false, now: T0, gapGraceMs: GRACE });
    const head = { lastThroughId: first.lastThroughId, lastHash: first.lastHash, observation: null };
    const second = planSeal({ head, events: events(3), observationSettled: false, now: T0, gapGraceMs: GRACE });
    expect(second.links[0]).toEqual(eventLink(first.lastHash, event(3)));
  });

  it('stops before a missing id and asks to observe it, sealing what comes before', () => {
    const plan = planSeal({ head: start, events: events(1, 2, 5, 6), observationSettled: false, now: T0, gapGraceMs: GRACE });
    expect(plan.links.map((l) => l.eventId)).toEqual([1n, 2n]);
    expect(plan.blockedBy).toEqual({ fromId: 3n, throughId: 4n });
    expect(plan.observation).toEqual({ action: 'observe', belowId: 6n });
    expect(plan.lastThroughId).toBe(2n);
  });

  it('keeps waiting while the observation is not settled, even long after the grace period', () => {
    const head: SealHeadState = { lastThroughId: 2n, lastHash: GENESIS_HASH, observation: { belowId: 6n, observedAt: T0, xmax: 100n } };
    const plan = planSeal({ head, events: events(5, 6), observationSettled: false, now: later(3_600_000), gapGraceMs: GRACE });
    expect(plan.links).toHaveLength(0);
    expect(plan.blockedBy).toEqual({ fromId: 3n, throughId: 4n });
    expect(plan.observation).toEqual({ action: 'keep' });
  });

  it('keeps waiting while the grace period runs, even when settled', () => {
    const head: SealHeadState = { lastThroughId: 2n, lastHash: GENESIS_HASH, observation: { belowId: 6n, observedAt: T0, xmax: 100n } };
    const plan = planSeal({ head, events: events(5, 6), observationSettled: true, now: later(GRACE - 1), gapGraceMs: GRACE });
    expect(plan.links).toHaveLength(0);
  });

  it('records a settled gap past its grace period as one gap link, then seals on, and clears the used observation', () => {
    const head: SealHeadState = { lastThroughId: 2n, lastHash: GENESIS_HASH, observation: { belowId: 6n, observedAt: T0, xmax: 100n } };
    const plan = planSeal({ head, events: events(5, 6, 7), observationSettled: true, now: later(GRACE), gapGraceMs: GRACE });
    expect(plan.links.map((l) => [l.kind, l.eventId, l.throughId])).toEqual([['gap', 3n, 4n], ['event', 5n, 5n], ['event', 6n, 6n], ['event', 7n, 7n]]);
    expect(plan.links[0]).toEqual(gapLink(GENESIS_HASH, 3n, 4n));
    expect(plan.observation).toEqual({ action: 'clear' });
  });

  it('a missing id that commits later is sealed as an event, not a gap', () => {
    const head: SealHeadState = { lastThroughId: 2n, lastHash: GENESIS_HASH, observation: { belowId: 6n, observedAt: T0, xmax: 100n } };
    const plan = planSeal({ head, events: events(3, 5, 6), observationSettled: true, now: later(GRACE), gapGraceMs: GRACE });
    expect(plan.links.map((l) => [l.kind, l.eventId, l.throughId])).toEqual([['event', 3n, 3n], ['gap', 4n, 4n], ['event', 5n, 5n], ['event', 6n, 6n]]);
  });

  it('does not use an observation for ids it does not cover: a new gap above it is observed afresh', () => {
    const head: SealHeadState = { lastThroughId: 2n, lastHash: GENESIS_HASH, observation: { belowId: 6n, observedAt: T0, xmax: 100n } };
    const plan = planSeal({ head, events: events(5, 6, 9), observationSettled: true, now: later(GRACE), gapGraceMs: GRACE });
    expect(plan.links.map((l) => [l.kind, l.eventId])).toEqual([['gap', 3n], ['event', 5n], ['event', 6n]]);
    expect(plan.blockedBy).toEqual({ fromId: 7n, throughId: 8n });
    expect(plan.observation).toEqual({ action: 'observe', belowId: 9n });
  });

  it('seals nothing and changes nothing when there are no new events', () => {
    const plan = planSeal({ head: start, events: [], observationSettled: false, now: T0, gapGraceMs: GRACE });
    expect(plan).toEqual({ links: [], lastThroughId: 0n, lastHash: GENESIS_HASH, observation: { action: 'keep' }, blockedBy: null });
  });

  it('refuses events at or below the head (a caller bug)', () => {
    const head: SealHeadState = { lastThroughId: 5n, lastHash: GENESIS_HASH, observation: null };
    expect(() => planSeal({ head, events: events(5), observationSettled: false, now: T0, gapGraceMs: GRACE })).toThrow(/at or below/);
  });
});
