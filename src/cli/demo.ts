import Table from 'cli-table3';
import { loadConfig } from '../config/app-config';
import { loadSampleData } from '../runtime';
import { failCli, withCliDatabase } from './cli-database';
import { createDemoContext, DemoContext, DemoRow } from './demo/demo-context';
import { legacyBindingScenarios } from './demo/legacy-binding.scenarios';
import { legalPersonScenarios } from './demo/legal-person.scenarios';
import { registrationApplicationScenarios } from './demo/registration-application.scenarios';
import { lifecycleScenarios } from './demo/lifecycle.scenarios';
import { managementSystemScenarios } from './demo/management-system.scenarios';

/** The demo's journeys, in order; each prints its own table. */
const JOURNEYS: { title: string; run: (ctx: DemoContext) => Promise<DemoRow[]> }[] = [
  { title: 'Legal-person users (已成立 organizations, guide 图7)', run: legalPersonScenarios },
  { title: 'New applicant: registration application and registrar review (新申请, guide 图9 option 二, 图10, 初审)', run: registrationApplicationScenarios },
  { title: 'Organization lifecycle and one session per account (guide §3 注4, 图11)', run: lifecycleScenarios },
  { title: 'Legacy-account binding (拟成立 organizations, guide 图9 option 一)', run: legacyBindingScenarios },
  {
    title: 'Management system, server to server: registry sync, establishment, event feed (service tokens; guide §3 注4, 图9 option 一)',
    run: managementSystemScenarios,
  },
];

/**
 * `npm run demo`: against the running development service, load the sample registry and walk
 * the guide's scenarios with real platform tokens, printing request → resolution tables.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const ctx = await createDemoContext(config);
  process.stdout.write(`orgbind demo against ${ctx.baseUrl} (${ctx.tokenForms}, from the development platform)\n`);
  await withCliDatabase('demo', (dataSource) => loadSampleData(dataSource, (m) => process.stderr.write(`${m}\n`), { argon2: config.legacyAccounts.argon2 }));
  for (const journey of JOURNEYS) {
    const rows = await journey.run(ctx);
    const table = new Table({
      head: ['#', 'scenario', 'request', 'resolution', 'detail'],
      style: process.stdout.isTTY ? undefined : { head: [], border: [] },
    });
    rows.forEach((row, i) => table.push([String(i + 1), row.scenario, row.request, row.outcome, row.detail]));
    process.stdout.write(`\n${journey.title}\n${table.toString()}\n`);
  }
}

main().catch(failCli);
