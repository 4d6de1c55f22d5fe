import { createHash } from 'node:crypto';
import { canonicalJson, JsonValue, parseJsonPreservingNumbers } from './canonical-json';

/**
 * The audit hash chain. Every id of `audit_event` from the chain's anchor on is covered by
 * exactly one link, in id order: an **event link** for an id that committed, or a **gap link**
 * for a run of ids the sequence handed out but that never committed (rolled back). Each link's
 * hash is SHA-256 over the previous link's hash and the canonical record of what it covers,
 * so changing, removing or inserting an event, or cutting the chain, breaks a link.
 */

/** Hash the chain starts from before any purge (the first link's previous hash). */
export const GENESIS_HASH = '0'.repeat(64);

/** Version of the canonical record format; part of every hashed record. */
export const CHAIN_FORMAT_VERSION = 1;

/**
 * Every column of `audit_event`, as read for hashing (snake_case, as stored). A test checks
 * this list against the table: a new column must be added here. Null values are left out of
 * the canonical record, so adding a *nullable* column keeps existing hashes valid; a NOT NULL
 * column with a default would change every past record and needs a new format version.
 */
export const AUDIT_EVENT_COLUMNS = [
  'id', 'occurred_at', 'actor_kind', 'actor', 'action', 'target_type', 'target_id', 'outcome', 'reason', 'request_id',
  'client_ip_masked', 'details',
] as const;

/**
 * An audit event exactly as stored, read with `CANONICAL_EVENT_SELECT`: the id as decimal text,
 * `occurred_at` as ISO 8601 UTC with the microseconds PostgreSQL keeps, `details` as jsonb text.
 */
export type StoredAuditEvent = { readonly [K in (typeof AUDIT_EVENT_COLUMNS)[number]]: K extends 'id' | 'occurred_at' | 'actor_kind' | 'action' | 'outcome' | 'details' ? string : string | null };

/** The canonical record of an event: all columns (nulls omitted), keys sorted, numbers verbatim. */
export function canonicalEventRecord(event: StoredAuditEvent): string {
  const record: { [key: string]: JsonValue } = { v: String(CHAIN_FORMAT_VERSION), link: 'event' };
  for (const column of AUDIT_EVENT_COLUMNS) {
    const value = event[column];
    if (value === null || value === undefined) continue;
    record[column] = column === 'details' ? parseJsonPreservingNumbers(value) : value;
  }
  return canonicalJson(record);
}

/** The canonical record of a gap link: ids `fromId`..`throughId` were never committed. */
export function canonicalGapRecord(fromId: bigint, throughId: bigint): string {
  return canonicalJson({ v: String(CHAIN_FORMAT_VERSION), link: 'gap', from: fromId.toString(), through: throughId.toString() });
}

/** SHA-256 (lower-case hex) of the previous hash, a newline, and the canonical record. */
export function linkHash(previousHash: string, canonicalRecord: string): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalRecord, 'utf8').digest('hex');
}

/** Kind of a chain link. */
export type LinkKind = 'event' | 'gap';

/** One link of the chain, as stored in `audit_seal`. */
export interface ChainLink {
  readonly kind: LinkKind;
  /** First id covered (the event's id for an event link). */
  readonly eventId: bigint;
  /** Last id covered (equals `eventId` for an event link). */
  readonly throughId: bigint;
  readonly prevHash: string;
  readonly hash: string;
}

/** The event link for `event` after `previousHash`. */
export function eventLink(previousHash: string, event: StoredAuditEvent): ChainLink {
  const id = BigInt(event.id);
  return { kind: 'event', eventId: id, throughId: id, prevHash: previousHash, hash: linkHash(previousHash, canonicalEventRecord(event)) };
}

/** The gap link covering `fromId`..`throughId` after `previousHash`. */
export function gapLink(previousHash: string, fromId: bigint, throughId: bigint): ChainLink {
  return { kind: 'gap', eventId: fromId, throughId, prevHash: previousHash, hash: linkHash(previousHash, canonicalGapRecord(fromId, throughId)) };
}
