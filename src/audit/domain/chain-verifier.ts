import { canonicalGapRecord, canonicalEventRecord, linkHash, LinkKind, StoredAuditEvent } from './audit-chain';

/** What can be wrong with the chain. */
export type ChainProblemKind =
  /** The next link does not start right after the previous one: links were removed or inserted. */
  | 'LINK_MISSING'
  /** A link's stored previous hash is not the previous link's hash: a link was replaced or rewritten. */
  | 'PREVIOUS_HASH_MISMATCH'
  /** The hash recomputed from the data now differs from the sealed one: the event (or gap record) was changed. */
  | 'HASH_MISMATCH'
  /** A sealed event no longer exists: it was deleted. */
  | 'EVENT_MISSING'
  /** An event exists with an id the chain records as never committed: it was inserted afterwards. */
  | 'EVENT_IN_GAP'
  /** An event exists at or below the anchor, where everything was purged. */
  | 'EVENT_BEFORE_ANCHOR'
  /** The seal head does not point at the last link: the end of the chain was cut or rewritten. */
  | 'HEAD_MISMATCH'
  /** The anchor moved without a purge event recording it. */
  | 'ANCHOR_UNJUSTIFIED'
  /** A hash recorded outside the database (`--expect`) does not match the chain. */
  | 'EXPECTED_HASH_MISMATCH';

/** One problem, located at the link (first id it covers) where it was found. */
export interface ChainProblem {
  readonly kind: ChainProblemKind;
  /** The event id (first id of the link) where the chain breaks. */
  readonly eventId: string;
  /** What the chain requires here: the recomputed hash, the previous link's hash, the expected id. */
  readonly expected?: string;
  /** What is stored here. */
  readonly stored?: string;
  readonly message: string;
}

/** A stored link with the data it covers, as fed to the verifier in id order. */
export interface LinkUnderVerification {
  readonly kind: LinkKind;
  readonly eventId: string;
  readonly throughId: string;
  readonly prevHash: string;
  readonly hash: string;
  /** Event links: the event with that id as stored now, or null when it is gone. */
  readonly event: StoredAuditEvent | null;
  /** Gap links: ids of events that exist inside the gap (should be none). */
  readonly eventIdsInGap: readonly string[];
}

/** A point of the chain: a link's last id and its hash. */
export interface ChainPoint {
  readonly throughId: string;
  readonly hash: string;
}

/** Outcome of checking a hash recorded outside the database. */
export interface ExpectationResult extends ChainPoint {
  readonly status: 'ok' | 'mismatch' | 'purged' | 'not-in-chain';
}

export interface ChainVerificationSummary {
  readonly intact: boolean;
  readonly anchor: ChainPoint;
  /** The last link verified. */
  readonly end: ChainPoint;
  readonly links: number;
  readonly eventLinks: number;
  readonly gapLinks: number;
  /** Ids covered by gap links (rolled-back ids). */
  readonly gapIds: number;
  readonly problemCount: number;
  /** The first problems found, in chain order (at most {@link MAX_PROBLEMS_KEPT}). */
  readonly problems: readonly ChainProblem[];
  readonly expectations: readonly ExpectationResult[];
}

export const MAX_PROBLEMS_KEPT = 100;

/**
 * Verifies the chain link by link, in id order, without holding it in memory. Each link is
 * checked on its own stored values (its previous hash, its data), so a change is reported
 * at the link where it happened and the links after it are still checked.
 */
export class ChainVerifier {
  private previousThroughId: bigint;
  private previousHash: string;
  private links = 0;
  private eventLinks = 0;
  private gapLinks = 0;
  private gapIds = 0n;
  private problemCount = 0;
  private readonly problems: ChainProblem[] = [];
  private readonly expectations = new Map<string, ExpectationResult>();

  constructor(private readonly anchor: ChainPoint, expectations: readonly ChainPoint[] = []) {
    this.previousThroughId = BigInt(anchor.throughId);
    this.previousHash = anchor.hash;
    for (const e of expectations) {
      const id = BigInt(e.throughId);
      const status = id < this.previousThroughId ? 'purged' : id === this.previousThroughId ? (e.hash === anchor.hash ? 'ok' : 'mismatch') : 'not-in-chain';
      this.expectations.set(id.toString(), { ...e, status });
    }
  }

  /** The last id verified so far. */
  get position(): bigint {
    return this.previousThroughId;
  }

  /** Record a problem found outside the link walk (e.g. by a database query). */
  report(problem: ChainProblem): void {
    this.problemCount++;
    if (this.problems.length < MAX_PROBLEMS_KEPT) this.problems.push(problem);
  }

  /** Check the next link. */
  accept(link: LinkUnderVerification): void {
    const start = BigInt(link.eventId);
    const through = BigInt(link.throughId);
    const expectedStart = this.previousThroughId + 1n;
    if (start !== expectedStart) {
      this.report({
        kind: 'LINK_MISSING',
        eventId: link.eventId,
        expected: expectedStart.toString(),
        stored: link.eventId,
        message: start > expectedStart
          ? `links for ids ${expectedStart}–${start - 1n} are missing (the chain jumps from ${this.previousThroughId} to ${start})`
          : `link ${start} overlaps ids already covered up to ${this.previousThroughId}`,
      });
    }
    if (link.prevHash !== this.previousHash) {
      this.report({
        kind: 'PREVIOUS_HASH_MISMATCH',
        eventId: link.eventId,
        expected: this.previousHash,
        stored: link.prevHash,
        message: `link ${link.eventId} does not follow the previous link's hash`,
      });
    }
    if (link.kind === 'event') {
      this.eventLinks++;
      if (!link.event) {
        this.report({ kind: 'EVENT_MISSING', eventId: link.eventId, stored: link.hash, message: `sealed event ${link.eventId} no longer exists` });
      } else {
        const recomputed = linkHash(link.prevHash, canonicalEventRecord(link.event));
        if (recomputed !== link.hash) {
          this.report({ kind: 'HASH_MISMATCH', eventId: link.eventId, expected: recomputed, stored: link.hash, message: `event ${link.eventId} differs from what was sealed` });
        }
      }
    } else {
      this.gapLinks++;
      this.gapIds += through - start + 1n;
      const recomputed = linkHash(link.prevHash, canonicalGapRecord(start, through));
      if (recomputed !== link.hash) {
        this.report({ kind: 'HASH_MISMATCH', eventId: link.eventId, expected: recomputed, stored: link.hash, message: `gap link ${link.eventId}–${link.throughId} differs from what was sealed` });
      }
      if (link.eventIdsInGap.length > 0) {
        this.report({
          kind: 'EVENT_IN_GAP',
          eventId: link.eventIdsInGap[0],
          message: `event(s) ${link.eventIdsInGap.join(', ')} exist inside gap link ${link.eventId}–${link.throughId}, recorded as never committed`,
        });
      }
    }
    const expectation = this.expectations.get(link.throughId);
    if (expectation) this.expectations.set(link.throughId, { ...expectation, status: expectation.hash === link.hash ? 'ok' : 'mismatch' });
    this.links++;
    this.previousThroughId = through;
    this.previousHash = link.hash;
  }

  /** Compare the end of the walk with the seal head and close the report. */
  finish(head: ChainPoint): ChainVerificationSummary {
    if (head.throughId !== this.previousThroughId.toString() || head.hash !== this.previousHash) {
      this.report({
        kind: 'HEAD_MISMATCH',
        eventId: head.throughId,
        expected: `${head.throughId} ${head.hash}`,
        stored: `${this.previousThroughId} ${this.previousHash}`,
        message: `the seal head records link ${head.throughId} as the last one, but the chain ends at ${this.previousThroughId}`,
      });
    }
    for (const e of this.expectations.values()) {
      if (e.status === 'mismatch' || e.status === 'not-in-chain') {
        this.report({
          kind: 'EXPECTED_HASH_MISMATCH',
          eventId: e.throughId,
          expected: e.hash,
          message: e.status === 'mismatch'
            ? `link ${e.throughId} does not have the hash recorded outside the database`
            : `no link ends at ${e.throughId}, though a hash was recorded for it outside the database`,
        });
      }
    }
    return {
      intact: this.problemCount === 0,
      anchor: this.anchor,
      end: { throughId: this.previousThroughId.toString(), hash: this.previousHash },
      links: this.links,
      eventLinks: this.eventLinks,
      gapLinks: this.gapLinks,
      gapIds: Number(this.gapIds),
      problemCount: this.problemCount,
      problems: [...this.problems],
      expectations: [...this.expectations.values()],
    };
  }
}
