import { Division, liaoningDivisions } from './divisions';

/**
 * The SAMPLE list of registration authorities shipped in `sample-data/registration-authorities.tsv`:
 * one civil-affairs department per Liaoning division, named from the GB/T 2260 division names.
 * Real authorities differ (some divisions register through an administrative approval bureau,
 * 行政审批局, e.g. 鞍山市审批局 in the guide's 图10 注1): operators must replace the sample with
 * the province's official list. Pure.
 */

/** A registration authority as imported. */
export interface AuthorityRecord {
  /** Stable code: upper-case letters, digits and `-`. */
  readonly code: string;
  readonly name: string;
  /** GB/T 2260 code of the authority's division (登记机关所属地). */
  readonly divisionCode: string;
  readonly level: 'province' | 'city' | 'county';
  readonly active: boolean;
}

/** Pattern every authority code follows (also a database check). */
export const AUTHORITY_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

/** Code of the civil-affairs authority (民政, MZ) of a division: `MZ-210311`. */
export function civilAffairsAuthorityCode(divisionCode: string): string {
  return `MZ-${divisionCode}`;
}

/**
 * Name of the civil-affairs authority of a division: 辽宁省民政厅 for the province, 鞍山市民政局
 * for a city; a district carries its city's name (鞍山市千山区民政局: district names repeat across
 * cities, e.g. 铁西区 in 沈阳市 and 鞍山市), a county or county-level city its own (海城市民政局).
 */
export function civilAffairsAuthorityName(division: Division, parent: Division | undefined): string {
  if (division.level === 'province') return `${division.name}民政厅`;
  if (division.level === 'city') return `${division.name}民政局`;
  const isDistrict = division.name.endsWith('区');
  return isDistrict && parent ? `${parent.name}${division.name}民政局` : `${division.name}民政局`;
}

/** The sample: one civil-affairs authority per current Liaoning division, in GB/T 2260 tree order. */
export function sampleCivilAffairsAuthorities(divisions: readonly Division[] = liaoningDivisions()): AuthorityRecord[] {
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  return divisions.map((division) => ({
    code: civilAffairsAuthorityCode(division.code),
    name: civilAffairsAuthorityName(division, division.parentCode ? byCode.get(division.parentCode) : undefined),
    divisionCode: division.code,
    level: division.level,
    active: true,
  }));
}

/** The note carried by every row of the sample file. */
export const SAMPLE_AUTHORITY_NOTE = 'SAMPLE generated from GB/T 2260 division names: replace with the official list of registration authorities (some divisions use a 行政审批局)';

/** The sample as the TSV file shipped in `sample-data/` (header row, one authority per line). */
export function formatAuthoritiesTsv(records: readonly AuthorityRecord[], note = SAMPLE_AUTHORITY_NOTE): string {
  const lines = ['code\tname\tdivision_code\tlevel\tactive\tnote'];
  for (const r of records) lines.push([r.code, r.name, r.divisionCode, r.level, String(r.active), note].join('\t'));
  return `${lines.join('\n')}\n`;
}
