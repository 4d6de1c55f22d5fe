import { DemoContext, DemoRow, summarize } from './demo-context';

const FOUNDATION = { uscc: '53210000076270488R', name: '鞍山市见义勇为基金会' };
const BRACKETS = { uscc: '52210311DEM000014K', name: '鞍山市千山区汤岗子（社区）养老服务中心' };

/**
 * The legal-person rows of the resolution table (guide §二(二)1, 图7), each with a real token
 * from the development platform.
 */
export async function legalPersonScenarios(ctx: DemoContext): Promise<DemoRow[]> {
  const rows: DemoRow[] = [];
  const resolve = async (scenario: string, claims: { sub: string; uscc: string; name: string }) => {
    const token = await ctx.mint({ ...claims, userType: 'legal_person', verificationLevel: 'none' });
    const { outcome, detail } = summarize(await ctx.call('POST', '/v1/resolutions', { token }));
    rows.push({ scenario, request: `legal_person ${claims.uscc} ${claims.name}`, outcome, detail });
  };
  await resolve('exact certificate name', { sub: 'demo-legal-1', ...FOUNDATION });
  await resolve('same account logs in again', { sub: 'demo-legal-1', ...FOUNDATION });
  await resolve('half-width brackets on the platform', { sub: 'demo-legal-3', uscc: BRACKETS.uscc, name: BRACKETS.name.replace('（', '(').replace('）', ')') });
  await resolve('second platform account, same USCC', { sub: 'demo-legal-2', ...FOUNDATION });
  await resolve('mistyped USCC (check character)', { sub: 'demo-legal-4', uscc: `${FOUNDATION.uscc.slice(0, 17)}Q`, name: FOUNDATION.name });
  await resolve('USCC nobody registered', { sub: 'demo-legal-5', uscc: '53210000MA0UNKN00C', name: '辽宁省不存在基金会' });
  return rows;
}
