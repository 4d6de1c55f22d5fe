import { randomInt, randomUUID } from 'node:crypto';
import { generateResidentId } from '../../registry/domain/resident-id';
import { civilAffairsAuthorityCode } from '../../registry/domain/sample-authorities';
import { DemoContext, DemoResponse, DemoRow, summarize } from './demo-context';

const QIANSHAN = { divisionCode: '210311', authorityCode: civilAffairsAuthorityCode('210311') };
const ANSHAN = { divisionCode: '210300', authorityCode: civilAffairsAuthorityCode('210300') };
const HAN = '甲乙丙丁戊己庚辛壬癸春夏秋冬东南西北松竹梅兰';

/**
 * The new applicant's journey (新申请, guide 图9 option 二, 图10, 初审): apply to 鞍山市千山区 →
 * the 千山区 registrar sees it and the 鞍山市 registrar does not → reject with a reason →
 * apply again → approve → the applicant's resolution is BOUND. Fresh accounts and names on every
 * run; the registrars are put on the roster through the operator API with a scoped token.
 */
export async function registrationApplicationScenarios(ctx: DemoContext): Promise<DemoRow[]> {
  const rows: DemoRow[] = [];
  const run = randomUUID().slice(0, 8);
  const unique = Array.from({ length: 6 }, () => HAN[randomInt(HAN.length)]).join('');
  const proposedName = `鞍山市千山区${unique}青年志愿者协会`;
  const issuer = await ctx.issuer();
  const row = (scenario: string, request: string, response: DemoResponse, detail?: string) => {
    const summary = summarize(response);
    rows.push({ scenario, request, outcome: summary.outcome, detail: detail ?? summary.detail });
  };

  // The operator puts one registrar on the roster for 千山区 and one for 鞍山市.
  const operator = await ctx.mint({ sub: 'demo-operator', userType: 'service', scope: 'orgbind:operator' });
  const qianshanRegistrar = { sub: `demo-registrar-qianshan-${run}` };
  const anshanRegistrar = { sub: `demo-registrar-anshan-${run}` };
  for (const [registrar, authority, label] of [[qianshanRegistrar, QIANSHAN, '千山区'], [anshanRegistrar, ANSHAN, '鞍山市']] as const) {
    const added = await ctx.call('POST', '/v1/registrars', { token: operator, json: { issuer, subject: registrar.sub, authorityCodes: [authority.authorityCode] } });
    row(`operator: ${label} registrar on the roster`, `POST /v1/registrars ${authority.authorityCode}`, added, added.body.authorities?.map((a: { name: string }) => a.name).join(', '));
  }
  const qianshanToken = await ctx.mint({ sub: qianshanRegistrar.sub, userType: 'natural_person', name: '千山区审核员' });
  const anshanToken = await ctx.mint({ sub: anshanRegistrar.sub, userType: 'natural_person', name: '鞍山市审核员' });

  const applicant = { sub: `demo-applicant-${run}`, userType: 'natural_person', name: '张晓明', residentId: generateResidentId({ divisionCode: '210311', birthDate: '1990-05-17', sequence: randomInt(1000) }) };
  const applicantToken = await ctx.mint(applicant);
  row('new applicant logs in', 'POST /v1/resolutions', await ctx.call('POST', '/v1/resolutions', { token: applicantToken }));

  const body = (name: string) => ({ divisionCode: QIANSHAN.divisionCode, authorityCode: QIANSHAN.authorityCode, proposedName: name, organizationType: 'social_group', contactName: '张晓明', contactMobile: '13900000000' });
  const submit = (json: unknown) => ctx.call('POST', '/v1/registration-applications', { token: applicantToken, json, headers: { 'idempotency-key': randomUUID() } });

  const wrongDivision = await submit({ ...body(proposedName), divisionCode: ANSHAN.divisionCode });
  row('wrong division for the authority (图10 注1)', `apply: division ${ANSHAN.divisionCode}, authority ${QIANSHAN.authorityCode}`, wrongDivision);

  const first = await submit(body(`${proposedName}(筹)`));
  row('apply to 鞍山市千山区民政局', `POST /v1/registration-applications ${first.body.proposedName ?? ''}`, first,
    first.status === 201 ? `pending; warnings: ${first.body.nameWarnings.map((w: { message: string }) => w.message).join('；')}` : undefined);
  row('applicant logs in again', 'POST /v1/resolutions', await ctx.call('POST', '/v1/resolutions', { token: applicantToken }));

  const queue = (token: string) => ctx.call('GET', `/v1/review/registration-applications?status=pending&nameContains=${encodeURIComponent(unique)}`, { token });
  const seenByQianshan = await queue(qianshanToken);
  row('千山区 registrar lists pending', 'GET /v1/review/registration-applications', seenByQianshan, `${seenByQianshan.body.total ?? 0} application(s): ${(seenByQianshan.body.items ?? []).map((i: { proposedName: string; ageDays: number }) => `${i.proposedName} (${i.ageDays} d)`).join(', ')}`);
  const seenByAnshan = await queue(anshanToken);
  row('鞍山市 registrar lists pending', 'GET /v1/review/registration-applications', seenByAnshan, `${seenByAnshan.body.total ?? 0} application(s): another jurisdiction`);
  const anshanReads = await ctx.call('GET', `/v1/review/registration-applications/${first.body.id}`, { token: anshanToken });
  row('鞍山市 registrar opens it', 'GET …/{id}', anshanReads);

  const reason = '拟定名称含“(筹)”，与章程名称不一致，请按章程名称重新申请。';
  const rejected = await ctx.call('POST', `/v1/review/registration-applications/${first.body.id}/reject`, { token: qianshanToken, json: { reason }, headers: { 'if-match': `W/"${first.body.version}"` } });
  row('千山区 registrar rejects with a reason', 'POST …/{id}/reject (If-Match W/"1")', rejected, `${rejected.body.status ?? ''}: ${rejected.body.rejectionReason ?? rejected.body.detail ?? ''}`);
  row('applicant logs in', 'POST /v1/resolutions', await ctx.call('POST', '/v1/resolutions', { token: applicantToken }));

  const second = await submit(body(proposedName));
  row('applicant applies again, exact name', `POST /v1/registration-applications ${proposedName}`, second, second.status === 201 ? 'pending, no warnings' : undefined);
  const detail = await ctx.call('GET', `/v1/review/registration-applications/${second.body.id}`, { token: qianshanToken });
  const stale = await ctx.call('POST', `/v1/review/registration-applications/${second.body.id}/approve`, { token: qianshanToken, json: {}, headers: { 'if-match': 'W/"9"' } });
  row('approve with a stale version', 'POST …/{id}/approve (If-Match W/"9")', stale);
  const approved = await ctx.call('POST', `/v1/review/registration-applications/${second.body.id}/approve`, { token: qianshanToken, json: { note: '请尽快办理成立登记手续。' }, headers: { 'if-match': `W/"${detail.body.version}"` } });
  row('千山区 registrar approves', `POST …/{id}/approve (If-Match W/"${detail.body.version}")`, approved, approved.status === 200 ? `approved; organization in formation ${approved.body.organizationId}` : undefined);
  row('applicant logs in', 'POST /v1/resolutions', await ctx.call('POST', '/v1/resolutions', { token: applicantToken }));
  return rows;
}
