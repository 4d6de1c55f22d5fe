import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BindingEntity, BindingKind } from '../../src/bindings/binding.entity';
import { BindingsRepository } from '../../src/bindings/bindings.repository';
import { RegistrationAuthorityEntity } from '../../src/registry/entities/registration-authority.entity';
import { computeOrganizationCodeCheckCharacter } from '../../src/registry/domain/gb11714';
import { generateResidentId } from '../../src/registry/domain/resident-id';
import { computeUsccCheckCharacter } from '../../src/registry/domain/uscc';
import { findDivision } from '../../src/registry/domain/divisions';
import { OrganizationEntity, OrganizationStatus, OrganizationType } from '../../src/registry/entities/organization.entity';
import { addRegistrarAuthorities } from '../../src/registry/registrar-roster';
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
    deregisteredAt: null,
    version: 1,
  });
  await dataSource.getRepository(OrganizationEntity).insert(organization);
  return organization;
}

/**
 * Insert a registration authority of a division (test arrangement; the sample list is not loaded
 * in tests). The code is unique per call unless given; name and level follow the division.
 */
export async function createAuthority(
  dataSource: DataSource,
  values: Partial<Pick<RegistrationAuthorityEntity, 'code' | 'name' | 'divisionCode' | 'level' | 'active'>> = {},
): Promise<RegistrationAuthorityEntity> {
  const divisionCode = values.divisionCode ?? '210311';
  const division = findDivision(divisionCode);
  if (!division) throw new Error(`unknown division ${divisionCode}`);
  const code = values.code ?? `T-${divisionCode}-${randomUUID().slice(0, 8).toUpperCase()}`;
  const authority = dataSource.getRepository(RegistrationAuthorityEntity).create({
    code,
    name: values.name ?? `${division.name}测试民政局${code.slice(-4)}`,
    divisionCode,
    level: values.level ?? division.level,
    active: values.active ?? true,
  });
  await dataSource.getRepository(RegistrationAuthorityEntity).insert(authority);
  return authority;
}

/** Put a platform account on the registrar roster for `authorityCodes` (as the CLI does). */
export async function createRegistrar(dataSource: DataSource, values: { issuer: string; subject?: string; authorityCodes: string[] }): Promise<{ issuer: string; subject: string; id: string }> {
  const subject = values.subject ?? fakeSubject('registrar');
  const { entry } = await dataSource.transaction((manager) =>
    addRegistrarAuthorities(manager, { issuer: values.issuer, subject, authorityCodes: values.authorityCodes }, { kind: 'operator', id: 'cli:test' }),
  );
  return { issuer: values.issuer, subject, id: entry.id };
}

const HAN_ALPHABET = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬东南西北松竹';

/** A unique fictional proposed organization name in a district, Han characters only (no name warnings). */
export function fakeApplicationName(place = '鞍山市千山区', kind = '志愿者协会'): string {
  let unique = '';
  for (let i = 0; i < 10; i++) unique += HAN_ALPHABET[randomInt(HAN_ALPHABET.length)];
  return `${place}测试${unique}${kind}`;
}

const FICTIONAL_CONTACTS = ['张晓明', '李文静', '王建国', '刘思远', '阿依古丽·买买提', '欧阳晓芸'];

/** A fictional contact person (names from a fixed list of invented people). */
export function fakeContactName(): string {
  return FICTIONAL_CONTACTS[randomInt(FICTIONAL_CONTACTS.length)];
}

/** A fictional mainland mobile number in the 139 range. */
export function fakeMobile(): string {
  return `139${String(randomInt(100_000_000)).padStart(8, '0')}`;
}

/** A valid application body for an authority (fields may be overridden). */
export function applicationBody(
  authority: Pick<RegistrationAuthorityEntity, 'code' | 'divisionCode'>,
  overrides: Partial<Record<'divisionCode' | 'authorityCode' | 'proposedName' | 'organizationType' | 'contactName' | 'contactMobile' | 'note', unknown>> = {},
): Record<string, unknown> {
  return {
    divisionCode: authority.divisionCode,
    authorityCode: authority.code,
    proposedName: fakeApplicationName(),
    organizationType: 'social_group',
    contactName: fakeContactName(),
    contactMobile: fakeMobile(),
    ...overrides,
  };
}

/**
 * Bind a natural-person platform account to an organization directly (test arrangement for
 * bindings made by the legacy-account flow, 图9 option 一, or an approved application, option 二).
 */
export async function createNaturalPersonBinding(
  dataSource: DataSource,
  organizationId: string,
  values: { issuer: string; subject?: string; kind?: Exclude<BindingKind, 'legal_person'> },
): Promise<BindingEntity> {
  return dataSource.transaction((manager) =>
    new BindingsRepository(dataSource).createActive(manager, {
      organizationId,
      issuer: values.issuer,
      subject: values.subject ?? fakeSubject('natural'),
      userType: 'natural_person',
      kind: values.kind ?? 'legacy_account',
    }),
  );
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
