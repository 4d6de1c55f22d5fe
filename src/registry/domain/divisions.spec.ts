import {
  childDivisions,
  divisionHistory,
  findDivision,
  isProvinceCodePrefix,
  liaoningDivisions,
  LIAONING_PROVINCE_CODE,
  resolveDivisionCode,
  type DivisionLevel,
} from './divisions';

function countByLevel(level: DivisionLevel): number {
  return liaoningDivisions().filter((division) => division.level === level).length;
}

describe('liaoningDivisions', () => {
  it('has 1 province, 14 prefecture-level cities and 100 county-level units', () => {
    expect(countByLevel('province')).toBe(1);
    expect(countByLevel('city')).toBe(14);
    expect(countByLevel('county')).toBe(100);
    expect(liaoningDivisions()).toHaveLength(115);
  });

  it('leaves out the 市辖区 placeholders such as 210101 and 210301', () => {
    expect(liaoningDivisions().some((division) => division.name === '市辖区')).toBe(false);
    expect(findDivision('210101')).toBeNull();
    expect(findDivision('210301')).toBeNull();
  });

  it('has unique six-digit codes, all starting with 21', () => {
    const codes = liaoningDivisions().map((division) => division.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((code) => /^21\d{4}$/.test(code))).toBe(true);
  });

  it('links every city to the province and every county to a city whose code it extends', () => {
    for (const division of liaoningDivisions()) {
      if (division.level === 'province') {
        expect(division.parentCode).toBeNull();
      } else if (division.level === 'city') {
        expect(division.parentCode).toBe(LIAONING_PROVINCE_CODE);
        expect(division.code.endsWith('00')).toBe(true);
      } else {
        expect(division.parentCode).toBe(`${division.code.slice(0, 4)}00`);
        expect(findDivision(division.parentCode ?? '')?.level).toBe('city');
      }
    }
  });
});

describe('findDivision', () => {
  it('finds 辽宁省 210000 as the province', () => {
    expect(findDivision('210000')).toEqual({ code: '210000', name: '辽宁省', level: 'province', parentCode: null });
  });

  it('finds 鞍山市 210300 and 千山区 210311 under it', () => {
    expect(findDivision('210300')).toEqual({ code: '210300', name: '鞍山市', level: 'city', parentCode: '210000' });
    expect(findDivision('210311')).toEqual({ code: '210311', name: '千山区', level: 'county', parentCode: '210300' });
  });

  it('does not find codes of other provinces or historical codes', () => {
    expect(findDivision('110105')).toBeNull();
    expect(findDivision('210122')).toBeNull();
    expect(findDivision('not-a-code')).toBeNull();
  });
});

describe('childDivisions', () => {
  it('lists the 14 cities under the province, 沈阳市 first and 葫芦岛市 last', () => {
    const cities = childDivisions(LIAONING_PROVINCE_CODE);
    expect(cities).toHaveLength(14);
    expect(cities[0]?.name).toBe('沈阳市');
    expect(cities[13]?.name).toBe('葫芦岛市');
  });

  it('lists the 7 county-level units of 鞍山市', () => {
    expect(childDivisions('210300').map((division) => division.name)).toEqual([
      '铁东区', '铁西区', '立山区', '千山区', '台安县', '岫岩满族自治县', '海城市',
    ]);
  });

  it('lists nothing under a county', () => {
    expect(childDivisions('210311')).toEqual([]);
  });
});

describe('resolveDivisionCode', () => {
  it('resolves a current code to itself, without alias', () => {
    const resolved = resolveDivisionCode('210311');
    expect(resolved).toEqual({ code: '210311', name: '千山区', level: 'county', parentCode: '210300' });
    expect(resolved).not.toHaveProperty('viaAlias');
  });

  it.each([
    ['210122', '辽中县', '210115', '辽中区'],
    ['210282', '普兰店市', '210214', '普兰店区'],
    ['211121', '大洼县', '211104', '大洼区'],
  ])('resolves historical %s %s to its successor %s %s', (historicalCode, historicalName, code, name) => {
    expect(resolveDivisionCode(historicalCode)).toMatchObject({
      code,
      name,
      level: 'county',
      viaAlias: { historicalCode, historicalName },
    });
  });

  it.each([
    ['210112', '浑南区', '东陵区'],
    ['210113', '沈北新区', '新城子区'],
    ['211400', '葫芦岛市', '锦西市'],
    ['211281', '调兵山市', '铁法市'],
    ['210782', '北镇市', '北宁市'],
  ])('resolves renamed %s to its current name %s, and keeps %s in its history', (code, name, formerName) => {
    expect(resolveDivisionCode(code)).toMatchObject({ code, name });
    expect(divisionHistory(code).map((alias) => alias.historicalName)).toEqual([formerName]);
  });

  it('returns null for unknown Liaoning codes, placeholders and other provinces', () => {
    expect(resolveDivisionCode('219999')).toBeNull();
    expect(resolveDivisionCode('210101')).toBeNull();
    expect(resolveDivisionCode('110105')).toBeNull();
  });
});

describe('divisionHistory', () => {
  it('names the historical code a recoded division replaced', () => {
    expect(divisionHistory('210115')).toEqual([
      expect.objectContaining({ historicalCode: '210122', historicalName: '辽中县', kind: 'recoded' }),
    ]);
  });

  it('is empty for a division without known changes', () => {
    expect(divisionHistory('210311')).toEqual([]);
  });
});

describe('isProvinceCodePrefix', () => {
  it.each(['11', '21', '44', '65', '71', '81', '82'])('accepts province-level prefix %s', (prefix) => {
    expect(isProvinceCodePrefix(prefix)).toBe(true);
  });

  it.each(['00', '10', '16', '20', '66', '99', '2', '210'])('rejects %s', (prefix) => {
    expect(isProvinceCodePrefix(prefix)).toBe(false);
  });
});
