import { alignCodePoints, type AlignmentStep, type PairCost } from './name-alignment';

/** Levenshtein-like costs where a space may only pair with a space. */
const cost: PairCost = (a, b) => {
  if (a === b) return 0;
  if ((a === ' ') !== (b === ' ')) return Number.POSITIVE_INFINITY;
  return 3;
};

function ops(steps: readonly AlignmentStep[]): string {
  return steps.map((step) => step.op[0]).join('');
}

describe('alignCodePoints', () => {
  it('pairs identical sequences step by step', () => {
    expect(alignCodePoints(['a', 'b'], ['a', 'b'], cost)).toEqual([
      { op: 'pair', claimedIndex: 0, registeredIndex: 0 },
      { op: 'pair', claimedIndex: 1, registeredIndex: 1 },
    ]);
  });

  it('turns one insertion into one extra step with the right indices', () => {
    const steps = alignCodePoints(Array.from('axbc'), Array.from('abc'), cost);
    expect(ops(steps)).toBe('pepp');
    expect(steps[1]).toEqual({ op: 'extra', claimedIndex: 1, registeredIndex: 1 });
  });

  it('turns one deletion into one missing step', () => {
    const steps = alignCodePoints(Array.from('ac'), Array.from('abc'), cost);
    expect(ops(steps)).toBe('pmp');
    expect(steps[1]).toEqual({ op: 'missing', claimedIndex: 1, registeredIndex: 1 });
  });

  it('breaks ties by pairing from the start, leaving the gap at the end', () => {
    expect(ops(alignCodePoints(Array.from('xyz'), Array.from('uvwq'), cost))).toBe('pppm');
  });

  it('splits a forbidden pair into extra and missing', () => {
    expect(ops(alignCodePoints([' '], ['a'], cost))).toBe('em');
  });

  it('aligns position by position when the sequences are too long to tabulate', () => {
    const claimed = [...Array.from({ length: 600 }, () => 'x'), ' '];
    const registered = [...Array.from({ length: 600 }, () => 'y'), 'z', 'w'];
    const steps = alignCodePoints(claimed, registered, cost);
    expect(steps.slice(0, 600).every((step) => step.op === 'pair')).toBe(true);
    expect(steps.slice(600)).toEqual([
      { op: 'extra', claimedIndex: 600, registeredIndex: 600 },
      { op: 'missing', claimedIndex: 601, registeredIndex: 600 },
      { op: 'missing', claimedIndex: 601, registeredIndex: 601 },
    ]);
  });
});
