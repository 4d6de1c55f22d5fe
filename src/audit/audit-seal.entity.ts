import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LinkKind } from './domain/audit-chain';

/**
 * One link of the audit hash chain (see `domain/audit-chain.ts`), written by the background
 * sealer. Audit events themselves are never updated: the chain lives beside them. Append-only
 * (triggers): no UPDATE, no TRUNCATE, DELETE only by the retention purge below the anchor; a
 * new link must start right after the last one and carry its hash.
 */
@Entity({ name: 'audit_seal' })
@Index('ux_audit_seal_prev_hash', ['prevHash'], { unique: true })
@Check('ck_audit_seal_kind', `kind IN ('event', 'gap')`)
@Check('ck_audit_seal_range', `through_id >= event_id AND (kind = 'gap' OR through_id = event_id)`)
@Check('ck_audit_seal_hashes', `hash ~ '^[0-9a-f]{64}$' AND prev_hash ~ '^[0-9a-f]{64}$'`)
export class AuditSealEntity {
  /** First audit event id the link covers: the event's id, or the first id of a gap. Unique: an id is sealed once. */
  @PrimaryColumn({ name: 'event_id', type: 'bigint', primaryKeyConstraintName: 'pk_audit_seal' })
  eventId: string;

  /** Last id covered (equal to `event_id` for an event link). */
  @Column({ name: 'through_id', type: 'bigint' })
  throughId: string;

  /** `event`: a committed event; `gap`: ids handed out by the sequence but never committed. */
  @Column({ type: 'text' })
  kind: LinkKind;

  /** Hash of the previous link (the anchor's for the first one). Unique: the chain cannot fork. */
  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  /** SHA-256 (hex) of `prev_hash` + the canonical record of the event or gap. */
  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ name: 'sealed_at', type: 'timestamptz', default: () => 'now()' })
  sealedAt: Date;
}

/**
 * The chain's single state row (`id = 1`): where it starts (the anchor: genesis, or the last
 * link removed by a purge) and where it ends, plus the sealer's pending gap observation. The
 * sealer locks it (`FOR UPDATE SKIP LOCKED`) so one replica seals at a time. Triggers keep it
 * monotonic and consistent with `audit_seal`.
 */
@Entity({ name: 'audit_seal_head' })
@Check('ck_audit_seal_head_singleton', 'id = 1')
@Check('ck_audit_seal_head_order', 'anchor_through_id <= last_through_id')
@Check('ck_audit_seal_head_observation', '(gap_below_id IS NULL) = (gap_observed_at IS NULL) AND (gap_below_id IS NULL) = (gap_xmax IS NULL)')
export class AuditSealHeadEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_audit_seal_head' })
  id: number;

  /** Last id covered by the chain (0 before the first link). */
  @Column({ name: 'last_through_id', type: 'bigint' })
  lastThroughId: string;

  /** Hash of the last link (the anchor's when there is none). */
  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash: string;

  /** The chain starts after this id: 0, or the last id removed by the retention purge. */
  @Column({ name: 'anchor_through_id', type: 'bigint' })
  anchorThroughId: string;

  /** Previous hash of the first link: the genesis hash, or the hash of the last purged link. */
  @Column({ name: 'anchor_hash', type: 'char', length: 64 })
  anchorHash: string;

  @Column({ name: 'anchored_at', type: 'timestamptz', nullable: true })
  anchoredAt: Date | null;

  /** Pending gap observation: missing ids below this one were handed out before `gap_observed_at`. */
  @Column({ name: 'gap_below_id', type: 'bigint', nullable: true })
  gapBelowId: string | null;

  @Column({ name: 'gap_observed_at', type: 'timestamptz', nullable: true })
  gapObservedAt: Date | null;

  /** `pg_snapshot_xmax` when the gap was observed (as a number). */
  @Column({ name: 'gap_xmax', type: 'bigint', nullable: true })
  gapXmax: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
