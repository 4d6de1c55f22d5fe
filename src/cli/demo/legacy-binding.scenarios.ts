import { createHash } from 'node:crypto';
import { loadConfig } from '../../config/app-config';
import { importLegacyAccounts } from '../../legacy-binding/import/legacy-account-import';
import { withCliDatabase } from '../cli-database';
import { DemoContext, DemoRow, summarize } from './demo-context';

/** Sample organizations in formation (sample-data/in-formation-organizations.tsv). */
const TAIJI = '鞍山市千山区太极拳运动协会';
const VOLUNTEERS = '鞍山市铁东区社区志愿服务协会';
const PASSWORD = 'Demo@2026';

const hex = (algorithm: string, text: string) => createHash(algorithm).update(text, 'utf8').digest('hex');

/**
 * Binding by re-authentication (guide 图9 option 一) with real tokens: success, wrong password,
 * unknown login, lockout, wrong organization name, account already bound. Each run imports its
 * own fictional legacy accounts (login names with a run id, through the real import, in two
 * legacy schemes) and uses fresh platform accounts, so the demo can be run again and again.
 */
export async function legacyBindingScenarios(ctx: DemoContext): Promise<DemoRow[]> {
  const run = Date.now().toString(36);
  const login = { a: `demo-${run}-a`, b: `demo-${run}-b`, c: `demo-${run}-c` };
  const tsv = [
    'login_name\torganization_name\thash_scheme\tpassword_hash\tsalt',
    `${login.a}\t${TAIJI}\tmd5\t${hex('md5', PASSWORD)}\t`,
    `${login.b}\t${TAIJI}\tmd5_salt_password\t${hex('md5', `r${run}${PASSWORD}`)}\tr${run}`,
    `${login.c}\t${VOLUNTEERS}\tsha256\t${hex('sha256', PASSWORD)}\t`,
  ].join('\n');
  const { argon2 } = loadConfig(process.env).legacyAccounts;
  await withCliDatabase('demo-legacy', (dataSource) =>
    importLegacyAccounts(dataSource, Buffer.from(tsv), { file: `demo run ${run}`, actor: 'demo', argon2 }),
  );

  const rows: DemoRow[] = [];
  const user = (n: number) => `demo-legacy-${run}-${n}`;
  const bind = async (scenario: string, sub: string, body: { organizationName: string; loginName: string; password: string }) => {
    const token = await ctx.mint({ sub, userType: 'natural_person', name: '王演示' });
    const response = await ctx.call('POST', '/v1/bindings/legacy-account', { token, json: body });
    const { outcome, detail } = summarize(response);
    const answer = response.body ?? {};
    const lockout = typeof answer.remainingAttempts === 'number'
      ? ` [remainingAttempts ${answer.remainingAttempts}${answer.retryAfterSeconds ? `, locked: Retry-After ${answer.retryAfterSeconds} s` : ''}]`
      : '';
    const password = body.password === PASSWORD ? 'right password' : 'wrong password';
    rows.push({ scenario, request: `${sub.slice(-1)}: ${body.organizationName} / ${body.loginName} / ${password}`, outcome, detail: `${detail}${lockout}` });
    return response;
  };
  const right = (organizationName: string, loginName: string) => ({ organizationName, loginName, password: PASSWORD });
  const wrong = (organizationName: string, loginName: string) => ({ organizationName, loginName, password: 'Demo@2025' });

  await bind('success: name, login and password as issued', user(1), right(TAIJI, login.a));
  const token = await ctx.mint({ sub: user(1), userType: 'natural_person', name: '王演示' });
  const resolution = summarize(await ctx.call('POST', '/v1/resolutions', { token }));
  rows.push({ scenario: 'the same user logs in again (resolution)', request: `1: POST /v1/resolutions`, ...resolution });
  await bind('wrong password', user(2), wrong(TAIJI, login.b));
  await bind('unknown login name: the same answer', user(2), wrong(TAIJI, `demo-${run}-nobody`));
  for (let i = 0; i < 3; i++) await bind(`another user guesses (failure ${i + 2} of 5 on the login)`, user(3), wrong(TAIJI, login.b));
  await bind('failure 5 of 5: the login name is locked', user(3), wrong(TAIJI, login.b));
  await bind('right password while locked: not even checked', user(4), right(TAIJI, login.b));
  await bind('organization name one character off', user(5), right('鞍山市铁东区社区志愿者服务协会', login.c));
  await bind('legacy account already bound by someone else', user(6), right(TAIJI, login.a));
  await bind('platform account already bound (one account, one organization)', user(1), right(VOLUNTEERS, login.c));
  return rows;
}
