/**
 * Minimum-cost alignment of two code-point sequences (weighted edit distance, Wagner–Fischer),
 * so that one inserted character shows as one insertion rather than a cascade of substitutions.
 *
 * Pure: no Nest or TypeORM.
 */

/**
 * One step of an alignment, with 0-based indices. For `extra` (a claimed character with no
 * registered counterpart) `registeredIndex` is where it would be inserted in the registered
 * sequence; for `missing`, `claimedIndex` is where the registered character would go in the claim.
 */
export interface AlignmentStep {
  readonly op: 'pair' | 'extra' | 'missing';
  readonly claimedIndex: number;
  readonly registeredIndex: number;
}

/** Cost of aligning a claimed character with a registered one; `Infinity` forbids the pair. */
export type PairCost = (claimedChar: string, registeredChar: string) => number;

/** Cost of one inserted or deleted character. */
export const INDEL_COST = 2;

/** Above this many table cells the middle part is aligned position by position instead. */
const MAX_TABLE_CELLS = 250_000;

/**
 * Aligns `claimed` with `registered`. Identical leading and trailing characters are paired
 * directly; the rest by dynamic programming (or positionally when too long to tabulate).
 */
export function alignCodePoints(
  claimed: readonly string[],
  registered: readonly string[],
  pairCost: PairCost,
): AlignmentStep[] {
  const prefix = commonPrefixLength(claimed, registered);
  const suffix = commonSuffixLength(claimed, registered, prefix);
  const claimedMiddle = claimed.slice(prefix, claimed.length - suffix);
  const registeredMiddle = registered.slice(prefix, registered.length - suffix);
  const tabulate = (claimedMiddle.length + 1) * (registeredMiddle.length + 1) <= MAX_TABLE_CELLS;
  const middle = tabulate
    ? tableAlignment(claimedMiddle, registeredMiddle, pairCost)
    : positionalAlignment(claimedMiddle, registeredMiddle, pairCost);
  return [
    ...pairs(0, 0, prefix),
    ...middle.map((step) => shift(step, prefix)),
    ...pairs(claimed.length - suffix, registered.length - suffix, suffix),
  ];
}

/** Follows a cheapest path from the start (pairs first, then extras), so ties leave gaps at the end. */
function tableAlignment(claimed: readonly string[], registered: readonly string[], pairCost: PairCost): AlignmentStep[] {
  const width = registered.length + 1;
  const table = suffixCostTable(claimed, registered, pairCost);
  const at = (i: number, j: number): number => table[i * width + j];
  const steps: AlignmentStep[] = [];
  let i = 0;
  let j = 0;
  while (i < claimed.length || j < registered.length) {
    const here = at(i, j);
    if (i < claimed.length && j < registered.length && here === at(i + 1, j + 1) + pairCost(claimed[i], registered[j])) {
      steps.push({ op: 'pair', claimedIndex: i, registeredIndex: j });
      i += 1;
      j += 1;
    } else if (i < claimed.length && here === at(i + 1, j) + INDEL_COST) {
      steps.push({ op: 'extra', claimedIndex: i, registeredIndex: j });
      i += 1;
    } else {
      steps.push({ op: 'missing', claimedIndex: i, registeredIndex: j });
      j += 1;
    }
  }
  return steps;
}

/** `table[i * width + j]` = least cost of aligning `claimed` from i with `registered` from j. */
function suffixCostTable(claimed: readonly string[], registered: readonly string[], pairCost: PairCost): Float64Array {
  const rows = claimed.length;
  const columns = registered.length;
  const width = columns + 1;
  const table = new Float64Array((rows + 1) * width);
  for (let j = columns - 1; j >= 0; j -= 1) table[rows * width + j] = (columns - j) * INDEL_COST;
  for (let i = rows - 1; i >= 0; i -= 1) {
    table[i * width + columns] = (rows - i) * INDEL_COST;
    for (let j = columns - 1; j >= 0; j -= 1) {
      table[i * width + j] = Math.min(
        table[(i + 1) * width + j + 1] + pairCost(claimed[i], registered[j]),
        table[(i + 1) * width + j] + INDEL_COST,
        table[i * width + j + 1] + INDEL_COST,
      );
    }
  }
  return table;
}

function positionalAlignment(claimed: readonly string[], registered: readonly string[], pairCost: PairCost): AlignmentStep[] {
  const shared = Math.min(claimed.length, registered.length);
  const steps: AlignmentStep[] = [];
  for (let k = 0; k < shared; k += 1) {
    if (Number.isFinite(pairCost(claimed[k], registered[k]))) {
      steps.push({ op: 'pair', claimedIndex: k, registeredIndex: k });
    } else {
      steps.push({ op: 'extra', claimedIndex: k, registeredIndex: k });
      steps.push({ op: 'missing', claimedIndex: k + 1, registeredIndex: k });
    }
  }
  for (let k = shared; k < claimed.length; k += 1) {
    steps.push({ op: 'extra', claimedIndex: k, registeredIndex: registered.length });
  }
  for (let k = shared; k < registered.length; k += 1) {
    steps.push({ op: 'missing', claimedIndex: claimed.length, registeredIndex: k });
  }
  return steps;
}

function pairs(claimedStart: number, registeredStart: number, count: number): AlignmentStep[] {
  return Array.from({ length: count }, (_, k) => ({
    op: 'pair' as const,
    claimedIndex: claimedStart + k,
    registeredIndex: registeredStart + k,
  }));
}

function shift(step: AlignmentStep, offset: number): AlignmentStep {
  return { ...step, claimedIndex: step.claimedIndex + offset, registeredIndex: step.registeredIndex + offset };
}

function commonPrefixLength(a: readonly string[], b: readonly string[]): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length += 1;
  return length;
}

function commonSuffixLength(a: readonly string[], b: readonly string[], prefix: number): number {
  let length = 0;
  const limit = Math.min(a.length, b.length) - prefix;
  while (length < limit && a[a.length - 1 - length] === b[b.length - 1 - length]) length += 1;
  return length;
}
