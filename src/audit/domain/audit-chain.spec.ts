import { createHash } from 'node:crypto';
import {
  AUDIT_EVENT_COLUMNS, canonicalEventRecord, canonicalGapRecord, eventLink, GENESIS_HASH, gapLink, linkHash, StoredAuditEvent,
} from './audit-chain';

function storedEvent(overrides: Partial<StoredAuditEvent> = {}): StoredAuditEvent {
  return {
    id: '42',
    occurred_at: '2026-11-29T07:44:12.123456Z',
    actor_kind: 'platform_user',
    actor: 'https://platform.example|user-1',
    action: 'resolution.resolved',
    target_type: 'organization',
    target_id: '0b6f3f9e-3c55-4a8b-9a57-8d3c1f0e2a11',
    outcome: 'failure',
    reason: 'BINDING_REQUIRED',
    request_id: 'req-1',
    client_ip_masked: '203.0.113.*',
    details: '{"userType": "natural_person", "attempt": 1}',
    ...overrides,
  };
}

describe('audit chain records and hashes', () => {
  it('records every column with sorted keys, the format version and the link kind; nulls are omitted', () => {
    const record = canonicalEventRecord(storedEvent({ reason: null, request_id: null }));
    expect(record).toBe(
      '{"action":"resolution.resolved","actor":"https://platform.example|user-1","actor_kind":"platform_user",' +
        '"client_ip_masked":"203.0.113.*","details":{"attempt":1,"userType":"natural_person"},"id":"42","link":"event",' +
        '"occurred_at":"2026-11-29T07:44:12.123456Z","outcome":"failure","target_id":"0b6f3f9e-3c55-4a8b-9a57-8d3c1f0e2a11",' +
        '"target_type":"organization","v":"1"}',
    );
    const keys = Object.keys(JSON.parse(canonicalEventRecord(storedEvent())));
    expect(keys.filter((k) => k !== 'v' && k !== 'link').sort()).toEqual([...AUDIT_EVENT_COLUMNS].sort());
  });

  it('does not depend on the key order of the jsonb text', () => {
    expect(canonicalEventRecord(storedEvent({ details: '{"b": 1, "a": 2}' }))).toBe(canonicalEventRecord(storedEvent({ details: '{"a":2,"b":1}' })));
  });

  it('changes when any column changes, including the microseconds of the time and a null becoming a value', () => {
    const base = eventLink(GENESIS_HASH, storedEvent()).hash;
    const variants: Partial<StoredAuditEvent>[] = [
      { occurred_at: '2026-11-29T07:44:12.123457Z' }, { actor: 'x' }, { action: 'binding.created' }, { outcome: 'success' },
      { reason: null }, { target_id: null }, { client_ip_masked: '203.0.114.*' }, { details: '{"userType": "legal_person", "attempt": 1}' },
      { details: '{"userType": "natural_person", "attempt": 1.0}' }, { request_id: 'req-2' }, { actor_kind: 'registrar' }, { target_type: 'binding' },
    ];
    for (const variant of variants) expect(eventLink(GENESIS_HASH, storedEvent(variant)).hash).not.toBe(base);
  });

  it('hashes the previous hash, a newline and the record with SHA-256', () => {
    const record = canonicalEventRecord(storedEvent());
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${record}`, 'utf8').digest('hex');
    expect(linkHash(GENESIS_HASH, record)).toBe(expected);
    expect(eventLink(GENESIS_HASH, storedEvent())).toEqual({ kind: 'event', eventId: 42n, throughId: 42n, prevHash: GENESIS_HASH, hash: expected });
  });

  it('chains: the same event after a different previous hash gives a different link hash', () => {
    const first = eventLink(GENESIS_HASH, storedEvent({ id: '1' }));
    const second = eventLink(first.hash, storedEvent({ id: '2' }));
    expect(second.prevHash).toBe(first.hash);
    expect(eventLink(GENESIS_HASH, storedEvent({ id: '2' })).hash).not.toBe(second.hash);
  });

  it('records gap links by their id range', () => {
    expect(canonicalGapRecord(7n, 9n)).toBe('{"from":"7","link":"gap","through":"9","v":"1"}');
    const gap = gapLink(GENESIS_HASH, 7n, 9n);
    expect(gap).toMatchObject({ kind: 'gap', eventId: 7n, throughId: 9n });
    expect(gap.hash).not.toBe(gapLink(GENESIS_HASH, 7n, 8n).hash);
  });
});
