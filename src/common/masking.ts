/**
 * Masks for personal data shown in lists and to people who need only to recognise it
 * (PIPL art. 6, data minimisation). Pure.
 */

/** `13812345678` → `138****5678`; anything not 11 characters keeps only its last 2. */
export function maskMobile(mobile: string): string {
  const chars = Array.from(mobile);
  if (chars.length === 11) return `${chars.slice(0, 3).join('')}****${chars.slice(7).join('')}`;
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return `${'*'.repeat(chars.length - 2)}${chars.slice(-2).join('')}`;
}

/**
 * A person's name with only its first character shown: `张三` → `张*`, `欧阳娜娜` → `欧***`,
 * `阿依古丽·买买提` → `阿***·***` (the middle dot of minority names is kept, so that the
 * shape stays recognisable).
 */
export function maskPersonName(name: string): string {
  const chars = Array.from(name);
  if (chars.length === 0) return '';
  return chars.map((c, i) => (i === 0 || isNameSeparator(c) ? c : '*')).join('');
}

function isNameSeparator(char: string): boolean {
  return char === '·' || char === '・' || char === '•';
}
