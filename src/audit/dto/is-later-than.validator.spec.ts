import { validateSync } from 'class-validator';
import { IsLaterThan } from './is-later-than.validator';

class Range {
  from?: string;
  @IsLaterThan('from')
  to?: string;
}

function errors(from: string | undefined, to: string | undefined): string[] {
  const range = Object.assign(new Range(), { from, to });
  return validateSync(range).flatMap((e) => Object.keys(e.constraints ?? {}));
}

describe('IsLaterThan', () => {
  it('accepts a later end, to the microsecond, across time zones', () => {
    expect(errors('2026-11-29T07:44:12.123456Z', '2026-11-29T07:44:12.123457Z')).toEqual([]);
    expect(errors('2026-11-29T08:00:00+08:00', '2026-11-29T00:00:01Z')).toEqual([]);
  });

  it('refuses an equal or earlier end', () => {
    expect(errors('2026-11-29T07:44:12.123456Z', '2026-11-29T07:44:12.123456Z')).toEqual(['isLaterThan']);
    expect(errors('2026-11-29T07:44:12.5Z', '2026-11-29T07:44:12.499999Z')).toEqual(['isLaterThan']);
    expect(errors('2026-11-29T08:00:00+08:00', '2026-11-29T00:00:00Z')).toEqual(['isLaterThan']);
  });

  it('leaves missing or unreadable values to the other validators', () => {
    expect(errors(undefined, '2026-11-29T00:00:00Z')).toEqual([]);
    expect(errors('nonsense', '2026-11-29T00:00:00Z')).toEqual([]);
  });
});
