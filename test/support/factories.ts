import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { computeOrganizationCodeCheckCharacter } from '../../src/registry/domain/gb11714';
import { generateResidentId } from '../../src/registry/domain/resident-id';
import { computeUsccCheckCharacter } from '../../src/registry/domain/uscc';
import { OrganizationEntity, OrganizationStatus, OrganizationType } from '../../src/registry/entities/organization.entity';
import { legacyHash, LegacyHashScheme } from '../../src/legacy-binding/domain/legacy-hash';
import { loginNameKey } from '../../src/legacy-binding/domain/login-name';
import { LegacyAccountEntity } from '../../src/legacy-binding/entities/legacy-account.entity';
import { wrapLegacyHash } from '../../src/legacy-binding/legacy-verifier';

const ORG_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CATEGORY: Record<OrganizationType, string> = { social_group: '1', private_non_enterprise: '2', foundation: '3' };

/** A checksum-valid civil-affairs USCC (GB 32100-2015) for a fictional organization. */
export function fakeUscc(type: OrganizationType = 'social_group', divisionCode = '210300'): string {
  let body8 = '';
  for (let i = 0; i < 8; i++) body8 += ORG_CODE_CHARS[randomInt(ORG_CODE_CHARS.length)];
  const organizationCode = body8 + computeOrganizationCodeCheckCharacter(body8);
  const body17 = `5${CATEGORY[type]}${divisionCode}${organizationCode}`;
  return body17 + computeUsccCheckCharacter(body17);
}

/** A unique fictional organization name that follows the naming rules (region + field + kind). */
export function fakeOrganizationName(kind = '协会'): string {
  return `鞍山市测试${randomUUID().slice(0, 8).toUpperCase()}行业${kind}`;
}

/** A checksum-valid resident ID number (GB 11643-1999) of a fictional person. */
export function fakeResidentId(divisionCode = '210302'): string {
  const year = 1960 + randomInt(40);
  const month = String(1 + randomInt(12)).padStart(2, '0');
  const day = String(1 + randomInt(28)).padStart(2, '0');
  return generateResidentId({ divisionCode, birthDate: `${year}-${month}-${day}`, sequence: randomInt(1000) });
}

/** A unique platform subject. */
export function fakeSubject(prefix = 'user'): string {
  return `${prefix}-${randomUUID()}`;
}

/** Insert an organization directly (test arrangement). */
export async function createOrganization(
  dataSource: DataSource,
  values: Partial<Pick<OrganizationEntity, 'name' | 'uscc' | 'type' | 'status' | 'divisionCode' | 'authorityCode' | 'externalId'>> = {},
): Promise<OrganizationEntity> {
  const type: OrganizationType = values.type ?? 'social_group';
  const status: OrganizationStatus = values.status ?? 'established';
  const organization = dataSource.getRepository(OrganizationEntity).create({
    id: randomUUID(),
    name: values.name ?? fakeOrganizationName(),
    type,
    status,
    uscc: values.uscc !== undefined ? values.uscc : status === 'established' ? fakeUscc(type) : null,
    divisionCode: values.divisionCode ?? '210300',
    authorityCode: values.authorityCode ?? null,
    externalId: values.externalId ?? null,
    establishedAt: null,
    version: 1,
  });
  await dataSource.getRepository(OrganizationEntity).insert(organization);
  return organization;
}

/** Cheap Argon2id parameters for arranged legacy accounts (the service verifies with the verifier's own). */
export const TEST_ARGON2 = { memoryKib: 8192, timeCost: 1, parallelism: 1 };

/** A unique fictional legacy login name. */
export function fakeLoginName(prefix = 'login'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}

/** Insert a legacy account directly (test arrangement): its verifier wraps the legacy hash of `password`. */
export async function createLegacyAccount(
  dataSource: DataSource,
  values: { organizationId: string; loginName?: string; password?: string; scheme?: LegacyHashScheme; salt?: string | null; status?: 'unbound' | 'disabled' },
): Promise<{ account: LegacyAccountEntity; loginName: string; password: string }> {
  const loginName = values.loginName ?? fakeLoginName();
  const password = values.password ?? `Pw#${randomUUID().slice(0, 8)}`;
  const scheme = values.scheme ?? 'md5';
  const salt = values.salt !== undefined ? values.salt : scheme === 'md5_salt_password' || scheme === 'md5_password_salt' ? 'salt' : null;
  const account = dataSource.getRepository(LegacyAccountEntity).create({
    id: randomUUID(),
    organizationId: values.organizationId,
    loginName,
    loginNameKey: loginNameKey(loginName),
    scheme,
    legacySalt: salt,
    verifier: await wrapLegacyHash(await legacyHash(scheme, password, salt), TEST_ARGON2),
    status: values.status ?? 'unbound',
    boundBindingId: null,
    boundAt: null,
    version: 1,
  });
  await dataSource.getRepository(LegacyAccountEntity).insert(account);
  return { account, loginName, password };
}
