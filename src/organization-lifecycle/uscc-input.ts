import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { normalizeUscc, UsccCheck, validateUscc } from '../registry/domain/uscc';

/** A USCC as sent by the management system, normalised and checked. */
export interface UsccInput {
  readonly uscc: string;
  readonly check: UsccCheck;
  readonly warnings: string[];
}

/**
 * Normalise and check a USCC (GB 32100-2015). `strict`: every rule must hold (establishment: a
 * newly issued code). Otherwise only length and characters must (registry data is
 * authoritative: an existing code failing a check character is kept with a warning, as in the
 * file import). A refused code is 422 USCC_INVALID with the rule, position, expected and actual.
 */
export function readUscc(raw: string, strict: boolean): UsccInput {
  const uscc = normalizeUscc(raw);
  const warnings: string[] = [];
  if (uscc !== raw) warnings.push(`uscc normalised from "${raw}" to "${uscc}"`);
  const check = validateUscc(uscc);
  if (!check.valid) {
    if (strict || check.rule === 'LENGTH' || check.rule === 'CHARSET') {
      throw new DomainError(
        ErrorCode.USCC_INVALID,
        { uscc, rule: check.rule, reason: `${check.message}.` },
        {
          usccCheck: {
            rule: check.rule,
            message: check.message,
            ...(check.position !== undefined ? { position: check.position } : {}),
            ...(check.expected !== undefined ? { expected: check.expected } : {}),
            ...(check.actual !== undefined ? { actual: check.actual } : {}),
          },
        },
      );
    }
    for (const v of check.violations) warnings.push(`uscc ${uscc} fails ${v.rule}: ${v.message} (kept: registry data is authoritative)`);
  }
  return { uscc, check, warnings };
}
