import { AuditEventEntity } from '../audit/audit-event.entity';
import { AuditSealEntity, AuditSealHeadEntity } from '../audit/audit-seal.entity';
import { BindingEntity } from '../bindings/binding.entity';
import { OutboxEventEntity } from '../events/outbox-event.entity';
import { LegacyAccountEntity } from '../legacy-binding/entities/legacy-account.entity';
import { LockoutCounterEntity } from '../legacy-binding/entities/lockout-counter.entity';
import { DivisionAliasEntity, DivisionEntity } from '../registry/entities/division.entity';
import { OrganizationEntity } from '../registry/entities/organization.entity';
import { RegistrationAuthorityEntity } from '../registry/entities/registration-authority.entity';
import { RegistrarAuthorityEntity, RegistrarEntity } from '../registry/entities/registrar.entity';
import { ApplicationIdempotencyKeyEntity } from '../registration-applications/application-idempotency-key.entity';
import { RegistrationApplicationEntity } from '../registration-applications/registration-application.entity';
import { SessionEntity } from '../sessions/session.entity';
import { RateLimitBucketEntity } from '../rate-limits/rate-limit-bucket.entity';

/** Every entity of the service, in one list shared by the app, the CLIs and the tests. */
export const ENTITIES = [
  DivisionEntity,
  DivisionAliasEntity,
  RegistrationAuthorityEntity,
  OrganizationEntity,
  BindingEntity,
  AuditEventEntity,
  AuditSealEntity,
  AuditSealHeadEntity,
  OutboxEventEntity,
  RegistrarEntity,
  RegistrarAuthorityEntity,
  RegistrationApplicationEntity,
  ApplicationIdempotencyKeyEntity,
  SessionEntity,
  LegacyAccountEntity,
  LockoutCounterEntity,
  RateLimitBucketEntity,
];
