import { OrganizationEntity } from '../../src/registry/entities/organization.entity';
import { createNaturalPersonBinding, fakeResidentId, fakeSubject } from './factories';
import { TestApp } from './test-app';

/** A platform user of the test platform, with a real token. */
export interface TestUser {
  readonly sub: string;
  readonly token: string;
}

/** A legal-person user of an established organization (name and USCC exactly as registered). */
export async function legalPersonUser(t: TestApp, organization: Pick<OrganizationEntity, 'name' | 'uscc'>, sub = fakeSubject('legal')): Promise<TestUser> {
  const token = await t.mint({ sub, userType: 'legal_person', name: organization.name, uscc: organization.uscc ?? '', verificationLevel: 'none' });
  return { sub, token };
}

/** A natural-person user already bound to `organizationId` (as the legacy-account flow would bind it). */
export async function boundNaturalPersonUser(
  t: TestApp,
  organizationId: string,
  kind: 'legacy_account' | 'application' = 'legacy_account',
): Promise<TestUser & { bindingId: string }> {
  const sub = fakeSubject('natural');
  const binding = await createNaturalPersonBinding(t.dataSource, organizationId, { issuer: t.platform.issuer, subject: sub, kind });
  const token = await t.mint({ sub, userType: 'natural_person', name: '张测试', residentId: fakeResidentId() });
  return { sub, token, bindingId: binding.id };
}

/** Service tokens of the management system. */
export async function serviceToken(t: TestApp, scope: string): Promise<string> {
  return t.mint({ sub: 'management-system', userType: 'service', scope });
}

/** A realistic browser user agent. */
export const CHROME_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
export const SAFARI_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
