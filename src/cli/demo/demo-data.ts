import { createHash } from 'node:crypto';
import { loadConfig } from '../../config/app-config';
import { importLegacyAccounts } from '../../legacy-binding/import/legacy-account-import';
import { computeOrganizationCodeCheckCharacter } from '../../registry/domain/gb11714';
import { generateResidentId } from '../../registry/domain/resident-id';
import { computeUsccCheckCharacter, USCC_CHARSET } from '../../registry/domain/uscc';
import { withCliDatabase } from '../cli-database';

/**
 * Fictional, checksum-valid test data for the demo journeys, distinct per run (`seed` is
 * usually `Date.now()`), so the demo can be run again and again against the same database.
 */

/** A social-group USCC of Anshan (登记管理机关 5, 社会团体 1, division 210300), valid check characters. */
export function demoUscc(seed: number): string {
  let body8 = '';
  for (let n = seed, i = 0; i < 8; i++, n = Math.floor(n / USCC_CHARSET.length)) body8 = USCC_CHARSET[n % USCC_CHARSET.length] + body8;
  const body17 = `51210300${body8}${computeOrganizationCodeCheckCharacter(body8)}`;
  return body17 + computeUsccCheckCharacter(body17);
}

/** A resident identity number (GB 11643-1999, valid check character) of a fictional person born in Anshan (210302). */
export function demoResidentId(seed: number): string {
  const day = 1 + (seed % 28);
  return generateResidentId({ divisionCode: '210302', birthDate: `1988-06-${String(day).padStart(2, '0')}`, sequence: seed % 1000 });
}

/**
 * Import one legacy account (sha256 scheme) for the organization with this registry external id,
 * through the real import, as the registration authority would have issued it (guide 图9 option 一).
 */
export async function importDemoLegacyAccount(account: { loginName: string; password: string; organizationExternalId: string; file: string }): Promise<void> {
  const { argon2 } = loadConfig(process.env).legacyAccounts;
  const hash = createHash('sha256').update(account.password).digest('hex');
  await withCliDatabase('demo-legacy-account', (dataSource) =>
    importLegacyAccounts(
      dataSource,
      Buffer.from(`login_name\torganization_external_id\thash_scheme\tpassword_hash\n${account.loginName}\t${account.organizationExternalId}\tsha256\t${hash}\n`),
      { file: account.file, actor: 'demo', argon2 },
    ),
  );
}
