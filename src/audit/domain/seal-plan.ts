import { ChainLink, eventLink, gapLink, StoredAuditEvent } from './audit-chain';

/**
 * Which events the sealer may seal now, and how gaps in the ids are handled.
 *
 * Ids come from a sequence: a transaction takes its id when it inserts, and may commit after
 * a transaction that took a larger id, or roll back and leave a gap for ever. The chain
 * follows id order without ever passing an id that may still commit, so a missing id stops
 * sealing until it is known to be dead:
 *
 * 1. the first time the sealer sees missing ids below a visible one, it records an
 *    *observation*: the largest visible id (every missing id below it had been handed out by
 *    then) and the database's next transaction id (`pg_snapshot_xmax`);
 * 2. a missing id below the observation becomes a **gap link** only once (a) every transaction
 *    that was running at the observation has ended (`pg_snapshot_xmin` has passed the recorded
 *    xmax: the holder of the id committed, and is then visible, or rolled back), checked
 *    *before* the events are re-read, and (b) a grace period has passed (covering the instant
 *    between taking an id and the row's transaction id being assigned).
 *
 * A long-running transaction therefore delays sealing but can never be skipped.
 */

/** A pending observation of missing ids (see the module comment). */
export interface GapObservation {
  /** Missing ids below this id were handed out before the observation. */
  readonly belowId: bigint;
  readonly observedAt: Date;
  /** `pg_snapshot_xmax` at the observation (taken after the events were read). */
  readonly xmax: bigint;
}

/** The sealer's state (the `audit_seal_head` row). */
export interface SealHeadState {
  readonly lastThroughId: bigint;
  readonly lastHash: string;
  readonly observation: GapObservation | null;
}

export interface SealPlanInput {
  readonly head: SealHeadState;
  /** Events with ids above `head.lastThroughId`, ascending, read after `observationSettled` was checked. */
  readonly events: readonly StoredAuditEvent[];
  /** True when every transaction older than `head.observation.xmax` had ended before `events` were read. */
  readonly observationSettled: boolean;
  readonly now: Date;
  readonly gapGraceMs: number;
}

/** What to do with the observation after this batch. */
export type ObservationChange = { readonly action: 'keep' } | { readonly action: 'clear' } | { readonly action: 'observe'; readonly belowId: bigint };

export interface SealPlan {
  readonly links: readonly ChainLink[];
  readonly lastThroughId: bigint;
  readonly lastHash: string;
  readonly observation: ObservationChange;
  /** The missing ids sealing stopped at, when it stopped before the end of `events`. */
  readonly blockedBy: { readonly fromId: bigint; readonly throughId: bigint } | null;
}

/** Plan the links of one batch (pure). */
export function planSeal(input: SealPlanInput): SealPlan {
  const { head, events, now, gapGraceMs } = input;
  const links: ChainLink[] = [];
  let expected = head.lastThroughId + 1n;
  let hash = head.lastHash;
  let observation: ObservationChange = { action: 'keep' };
  let blockedBy: SealPlan['blockedBy'] = null;
  for (const event of events) {
    const id = BigInt(event.id);
    if (id < expected) throw new Error(`event ${id} is at or below the sealed head ${expected - 1n}`);
    if (id > expected) {
      const gap = { fromId: expected, throughId: id - 1n };
      const observed = head.observation;
      const covered = observed !== null && gap.throughId < observed.belowId;
      const dead = covered && input.observationSettled && now.getTime() - observed.observedAt.getTime() >= gapGraceMs;
      if (!dead) {
        blockedBy = gap;
        if (!covered) observation = { action: 'observe', belowId: BigInt(events[events.length - 1].id) };
        break;
      }
      const link = gapLink(hash, gap.fromId, gap.throughId);
      links.push(link);
      hash = link.hash;
    }
    const link = eventLink(hash, event);
    links.push(link);
    hash = link.hash;
    expected = id + 1n;
  }
  const lastThroughId = expected - 1n;
  if (observation.action === 'keep' && head.observation && head.observation.belowId <= lastThroughId) observation = { action: 'clear' };
  return { links, lastThroughId, lastHash: hash, observation, blockedBy };
}
