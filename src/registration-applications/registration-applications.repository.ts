import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OrganizationEntity } from '../registry/entities/organization.entity';
import { RegistrationAuthorityEntity } from '../registry/entities/registration-authority.entity';
import { ApplicationIdempotencyKeyEntity } from './application-idempotency-key.entity';
import { ApplicationWithAuthority } from './application.presenter';
import { ApplicationStatus } from './domain/application-status';
import { RegistrationApplicationEntity } from './registration-application.entity';

/** Changes written by a status transition. */
export type ApplicationChanges = Partial<Pick<
  RegistrationApplicationEntity,
  'status' | 'decidedAt' | 'decidedBy' | 'decisionNote' | 'rejectionReason' | 'withdrawnAt' | 'organizationId'
>>;

/**
 * Registration applications, always looked up through their owner: the applicant's platform
 * account here, the registrar's authorities in the review repository.
 */
@Injectable()
export class RegistrationApplicationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pending applications in the whole database (the metrics gauge, read at each scrape). */
  countPending(): Promise<number> {
    return this.dataSource.getRepository(RegistrationApplicationEntity).count({ where: { status: 'pending' } });
  }

  /** The account's most recent application with its authority (the resolution's APPLICATION_* rows). */
  async findLatestForAccount(issuer: string, subject: string): Promise<ApplicationWithAuthority | null> {
    const application = await this.dataSource.manager.findOne(RegistrationApplicationEntity, {
      where: { issuer, subject },
      relations: { authority: true },
      order: { submittedAt: 'DESC', id: 'DESC' },
    });
    return application ? withAuthority(application) : null;
  }

  /** The account's applications, newest first. */
  async listForAccount(issuer: string, subject: string): Promise<ApplicationWithAuthority[]> {
    const rows = await this.dataSource.manager.find(RegistrationApplicationEntity, {
      where: { issuer, subject },
      relations: { authority: true },
      order: { submittedAt: 'DESC', id: 'DESC' },
      take: 200,
    });
    return rows.map(withAuthority);
  }

  /** One of the account's applications. */
  async findForAccount(id: string, issuer: string, subject: string, manager: EntityManager = this.dataSource.manager): Promise<ApplicationWithAuthority | null> {
    const application = await manager.findOne(RegistrationApplicationEntity, { where: { id, issuer, subject }, relations: { authority: true } });
    return application ? withAuthority(application) : null;
  }

  /** The account's pending application, if any. */
  async findPendingForAccount(issuer: string, subject: string, manager: EntityManager): Promise<ApplicationWithAuthority | null> {
    const application = await manager.findOne(RegistrationApplicationEntity, { where: { issuer, subject, status: 'pending' }, relations: { authority: true } });
    return application ? withAuthority(application) : null;
  }

  /** Lock one of the account's applications for a change (`SELECT … FOR UPDATE`). */
  lockForAccount(manager: EntityManager, id: string, issuer: string, subject: string): Promise<RegistrationApplicationEntity | null> {
    return manager.findOne(RegistrationApplicationEntity, { where: { id, issuer, subject }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Apply a status change only if the application is still in `from` at `version`
   * (`UPDATE … WHERE id AND version AND status`), incrementing the version.
   * @returns the changed application, or null when it changed meanwhile.
   */
  async applyChange(manager: EntityManager, id: string, expected: { version: number; status: ApplicationStatus }, changes: ApplicationChanges): Promise<RegistrationApplicationEntity | null> {
    const result = await manager
      .createQueryBuilder()
      .update(RegistrationApplicationEntity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version AND status = :status', { id, version: expected.version, status: expected.status })
      .execute();
    if (result.affected !== 1) return null;
    return manager.findOneOrFail(RegistrationApplicationEntity, { where: { id } });
  }

  /** Insert a new application. Unique violations (pending name, pending account) are the caller's to map. */
  async insert(manager: EntityManager, application: RegistrationApplicationEntity): Promise<void> {
    await manager.insert(RegistrationApplicationEntity, application);
  }

  /**
   * Whether an organization that is not deregistered carries exactly this name (a deregistered
   * organization's name may be registered again).
   */
  async organizationNameInUse(name: string, manager: EntityManager): Promise<boolean> {
    return manager
      .createQueryBuilder(OrganizationEntity, 'o')
      .where('o.name = :name AND o.status <> :deregistered', { name, deregistered: 'deregistered' })
      .getExists();
  }

  findIdempotencyKey(issuer: string, subject: string, idempotencyKey: string): Promise<ApplicationIdempotencyKeyEntity | null> {
    return this.dataSource.manager.findOne(ApplicationIdempotencyKeyEntity, { where: { issuer, subject, idempotencyKey } });
  }

  /** Record an idempotency key (first write of a submission: a concurrent same-key request waits on it). */
  async insertIdempotencyKey(manager: EntityManager, row: Pick<ApplicationIdempotencyKeyEntity, 'issuer' | 'subject' | 'idempotencyKey' | 'requestFingerprint' | 'applicationId'>): Promise<void> {
    await manager.insert(ApplicationIdempotencyKeyEntity, row);
  }
}

/** Pair an application (loaded with its authority) with the authority. */
export function withAuthority(application: RegistrationApplicationEntity): ApplicationWithAuthority {
  const authority: RegistrationAuthorityEntity | undefined = application.authority;
  if (!authority) throw new Error('application loaded without its authority');
  return { application, authority };
}
