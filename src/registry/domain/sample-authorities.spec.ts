import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findDivision, liaoningDivisions } from './divisions';
import {
  AUTHORITY_CODE_PATTERN, civilAffairsAuthorityName, formatAuthoritiesTsv, sampleCivilAffairsAuthorities,
} from './sample-authorities';

describe('sample registration authorities', () => {
  const sample = sampleCivilAffairsAuthorities();
  const byDivision = new Map(sample.map((a) => [a.divisionCode, a]));

  it('has one authority per current Liaoning division (province, 14 cities, 100 county-level units)', () => {
    expect(sample).toHaveLength(liaoningDivisions().length);
    expect(sample).toHaveLength(115);
    expect(sample.filter((a) => a.level === 'city')).toHaveLength(14);
  });

  it('names them after the divisions, as the guide\'s examples do', () => {
    expect(byDivision.get('210000')).toEqual({ code: 'MZ-210000', name: '辽宁省民政厅', divisionCode: '210000', level: 'province', active: true });
    expect(byDivision.get('210300')?.name).toBe('鞍山市民政局');
    expect(byDivision.get('210311')).toMatchObject({ code: 'MZ-210311', name: '鞍山市千山区民政局', level: 'county' });
    expect(byDivision.get('210381')?.name).toBe('海城市民政局');
    expect(byDivision.get('210323')?.name).toBe('岫岩满族自治县民政局');
  });

  it('gives repeated district names their city (铁西区 of 沈阳市 and of 鞍山市)', () => {
    expect(byDivision.get('210106')?.name).toBe('沈阳市铁西区民政局');
    expect(byDivision.get('210303')?.name).toBe('鞍山市铁西区民政局');
    expect(new Set(sample.map((a) => a.name)).size).toBe(sample.length);
  });

  it('uses codes the database accepts', () => {
    for (const a of sample) expect(a.code).toMatch(AUTHORITY_CODE_PATTERN);
    expect(new Set(sample.map((a) => a.code)).size).toBe(sample.length);
  });

  it('a county without its parent keeps its own name', () => {
    expect(civilAffairsAuthorityName(findDivision('210311')!, undefined)).toBe('千山区民政局');
  });

  it('sample-data/registration-authorities.tsv is exactly the generated sample', () => {
    const file = readFileSync(resolve(__dirname, '../../../sample-data/registration-authorities.tsv'), 'utf8');
    expect(file).toBe(formatAuthoritiesTsv(sample));
  });
});
