import { alignCodePoints, type AlignmentStep } from './name-alignment';
import {
  areCompatibilityVariants,
  areTraditionalSimplifiedVariants,
  formatCodePoint,
  isInvisibleChar,
  isWhitespaceChar,
  toCodePoints,
} from './name-characters';

/**
 * Comparison of the organization name a platform user claims with the name on the
 * registration certificate.
 *
 * Rule: the province's user guide (统一身份认证用户注册绑定操作指南) §二（二）1,
 * 【注意提醒事项】3 — the unit name must be filled in exactly as on the legal-person
 * certificate, character for character (一字不差), otherwise the user cannot log in.
 * Pure: no Nest or TypeORM.
 */

/**
 * How names are compared.
 * - `exact` (default; the province's 一字不差 rule): equal code point by code point.
 * - `equivalent`: equal after Unicode NFKC (UAX #15, Unicode Normalization Forms) with
 *   whitespace and invisible characters removed. Punctuation is never removed, and traditional
 *   characters are never mapped to simplified ones (NFKC does neither).
 */
export type NameComparisonPolicy = 'exact' | 'equivalent';

/**
 * What kind of difference one aligned position shows.
 * - `width`: compatibility forms NFKC unifies, chiefly full-/half-width (`(` vs `（`, `A` vs `Ａ`);
 * - `whitespace`: a space (or ideographic space…) present in one name only, or a different space;
 * - `invisible`: a zero-width, control, BOM, soft-hyphen or other invisible character;
 * - `traditional-vs-simplified`: two forms of one Han character (遼 vs 辽), per OpenCC;
 * - `missing`: a certificate character absent from the claim; `extra`: the reverse;
 * - `different`: anything else.
 */
export type NameDifferenceKind =
  | 'width'
  | 'whitespace'
  | 'invisible'
  | 'traditional-vs-simplified'
  | 'missing'
  | 'extra'
  | 'different';

/**
 * One difference between the claimed (platform) name and the registered (certificate) name.
 * Positions are 1-based and count code points, not UTF-16 units (𠮷 counts as one).
 */
export interface NameDifference {
  readonly kind: NameDifferenceKind;
  /** Position in the registered name; for a character only the claim has, the position it would take. */
  readonly position: number;
  /** Position in the claimed name; for a character only the certificate has, where it belongs. */
  readonly claimedPosition: number;
  readonly claimedChar?: string;
  /** `U+FF08` style. */
  readonly claimedCodePoint?: string;
  readonly registeredChar?: string;
  /** `U+FF08` style. */
  readonly registeredCodePoint?: string;
}

/** Result of {@link compareOrganizationNames}: equal, or the differences that explain why not. */
export type NameComparison =
  | { readonly equal: true }
  | { readonly equal: false; readonly differences: readonly NameDifference[] };

/** Kinds that the `equivalent` policy ignores, so they are not reported under it. */
const TOLERATED_WHEN_EQUIVALENT: ReadonlySet<NameDifferenceKind> = new Set(['width', 'whitespace', 'invisible']);

const SOFT_PAIR_COST = 1;
const SUBSTITUTION_COST = 3;

/**
 * Compares the claimed organization name (from the platform token) with the registered
 * (certificate) name under `policy`. On mismatch the differences are always computed, from a
 * minimum-cost alignment of code points in which width, whitespace and traditional/simplified
 * variants pair cheaply, so one inserted character yields one `extra` difference.
 * Under `equivalent`, differences of the kinds that policy ignores are left out.
 *
 * Source of the rule: user guide §二（二）1 【注意提醒事项】3 (一字不差); NFKC per UAX #15.
 */
export function compareOrganizationNames(
  claimed: string,
  registered: string,
  policy: NameComparisonPolicy = 'exact',
): NameComparison {
  if (namesEqual(claimed, registered, policy)) return { equal: true };
  const differences = explainDifferences(claimed, registered);
  if (policy === 'exact') return { equal: false, differences };
  const relevant = differences.filter((difference) => !TOLERATED_WHEN_EQUIVALENT.has(difference.kind));
  return { equal: false, differences: relevant.length > 0 ? relevant : differences };
}

/**
 * The form two names are compared in under the `equivalent` policy: NFKC (UAX #15), then
 * whitespace and invisible characters removed. Nothing else (punctuation stays; no 繁→简).
 */
export function equivalenceKey(name: string): string {
  return toCodePoints(name.normalize('NFKC'))
    .filter((char) => !isWhitespaceChar(char) && !isInvisibleChar(char))
    .join('');
}

function namesEqual(claimed: string, registered: string, policy: NameComparisonPolicy): boolean {
  if (policy === 'exact') return claimed === registered;
  return equivalenceKey(claimed) === equivalenceKey(registered);
}

function explainDifferences(claimed: string, registered: string): NameDifference[] {
  const claimedChars = toCodePoints(claimed);
  const registeredChars = toCodePoints(registered);
  return alignCodePoints(claimedChars, registeredChars, pairCost)
    .map((step) => toDifference(step, claimedChars, registeredChars))
    .filter((difference): difference is NameDifference => difference !== undefined);
}

/** Equal pairs are free, variants cheap, other substitutions dear; blanks only pair with blanks. */
function pairCost(claimedChar: string, registeredChar: string): number {
  if (claimedChar === registeredChar) return 0;
  const kind = pairKind(claimedChar, registeredChar);
  if (kind === undefined) return Number.POSITIVE_INFINITY;
  return kind === 'different' ? SUBSTITUTION_COST : SOFT_PAIR_COST;
}

/** The kind of difference when two unequal characters are aligned; `undefined` if they must not be. */
function pairKind(claimedChar: string, registeredChar: string): NameDifferenceKind | undefined {
  const claimedBlank = blankKind(claimedChar);
  const registeredBlank = blankKind(registeredChar);
  if (claimedBlank !== undefined || registeredBlank !== undefined) {
    return claimedBlank === registeredBlank ? claimedBlank : undefined;
  }
  if (areCompatibilityVariants(claimedChar, registeredChar)) return 'width';
  if (areTraditionalSimplifiedVariants(claimedChar, registeredChar)) return 'traditional-vs-simplified';
  return 'different';
}

function blankKind(char: string): 'whitespace' | 'invisible' | undefined {
  if (isWhitespaceChar(char)) return 'whitespace';
  if (isInvisibleChar(char)) return 'invisible';
  return undefined;
}

function toDifference(
  step: AlignmentStep,
  claimedChars: readonly string[],
  registeredChars: readonly string[],
): NameDifference | undefined {
  const position = step.registeredIndex + 1;
  const claimedPosition = step.claimedIndex + 1;
  const claimedChar = claimedChars[step.claimedIndex];
  const registeredChar = registeredChars[step.registeredIndex];
  switch (step.op) {
    case 'pair':
      if (claimedChar === registeredChar) return undefined;
      return {
        kind: pairKind(claimedChar, registeredChar) ?? 'different',
        position,
        claimedPosition,
        ...claimedSide(claimedChar),
        ...registeredSide(registeredChar),
      };
    case 'extra':
      return { kind: blankKind(claimedChar) ?? 'extra', position, claimedPosition, ...claimedSide(claimedChar) };
    case 'missing':
      return { kind: blankKind(registeredChar) ?? 'missing', position, claimedPosition, ...registeredSide(registeredChar) };
  }
}

function claimedSide(char: string): Pick<NameDifference, 'claimedChar' | 'claimedCodePoint'> {
  return { claimedChar: char, claimedCodePoint: formatCodePoint(char) };
}

function registeredSide(char: string): Pick<NameDifference, 'registeredChar' | 'registeredCodePoint'> {
  return { registeredChar: char, registeredCodePoint: formatCodePoint(char) };
}

export { describeNameDifference, describeNameDifferences, summarizeNameComparison } from './name-comparison-messages';
export type { LocalizedSentence, SummaryLanguage } from './name-comparison-messages';
export {
  describeNameWarning,
  findForbiddenNameCharacters,
  findSuspiciousNameIssues,
} from './name-input-checks';
export type { ForbiddenNameCharacter, NameWarning, NameWarningCode } from './name-input-checks';
