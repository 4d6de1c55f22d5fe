import { AuditEventEntity } from '../audit/audit-event.entity';
import { BindingEntity } from '../bindings/binding.entity';
import { LegacyAccountEntity } from '../legacy-binding/entities/legacy-account.entity';
import { LockoutCounterEntity } from '../legacy-binding/entities/lockout-counter.entity';
import { DivisionAliasEntity, DivisionEntity } from '../registry/entities/division.entity';
import { OrganizationEntity } from '../registry/entities/organization.entity';
import { RegistrationAuthorityEntity } from '../registry/entities/registration-authority.entity';

/** Every entity of the service, in one list shared by the app, the CLIs and the tests. */
export const ENTITIES = [
  DivisionEntity,
  DivisionAliasEntity,
  RegistrationAuthorityEntity,
  OrganizationEntity,
  BindingEntity,
  AuditEventEntity,
  LegacyAccountEntity,
  LockoutCounterEntity,
];
