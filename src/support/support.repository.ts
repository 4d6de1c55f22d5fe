import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditScope } from '../audit/audit-scope';
import { BindingEntity } from '../bindings/binding.entity';
import { updateReturning } from '../database/update-returning';
import { LegacyAccountEntity } from '../legacy-binding/entities/legacy-account.entity';
import { OrganizationEntity } from '../registry/entities/organization.entity';
import { escapeLikePattern, SearchCursor } from './domain/support-search';

/** One search criterion (the service makes sure there is exactly one). */
export type SearchCriterion =
  | { readonly kind: 'uscc'; readonly uscc: string }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'nameContains'; readonly fragment: string }
  | { readonly kind: 'residentIdHash'; readonly hash: string };

/**
 * Support look-ups, every query restricted to a scope: `all` (operators) or the organizations of
 * a registrar's authorities. Outside the scope a row simply is not found.
 */
@Injectable()
export class SupportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page of organizations (one more than `limit` tells that more follow). */
  search(scope: AuditScope, criterion: SearchCriterion, cursor: SearchCursor | null, limit: number): Promise<OrganizationEntity[]> {
    const query = inScope(this.dataSource.manager.createQueryBuilder(OrganizationEntity, 'o'), scope);
    switch (criterion.kind) {
      case 'uscc':
        query.andWhere('o.uscc = :uscc', { uscc: criterion.uscc });
        break;
      case 'name':
        query.andWhere('o.name = :name', { name: criterion.name });
        break;
      case 'nameContains':
        query.andWhere(`o.name LIKE :pattern ESCAPE '\\'`, { pattern: `%${escapeLikePattern(criterion.fragment)}%` });
        break;
      case 'residentIdHash':
        query.andWhere('EXISTS (SELECT 1 FROM binding b WHERE b.organization_id = o.id AND b.resident_id_hash = :hash)', { hash: criterion.hash });
        break;
    }
    if (cursor) {
      query.andWhere(new Brackets((q) => q.where('o.name > :cursorName', { cursorName: cursor.name }).orWhere('o.name = :cursorName AND o.id > :cursorId', { cursorId: cursor.id })));
    }
    return query.orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC').limit(limit + 1).getMany();
  }

  /** The organization, when it is in scope. */
  findOrganization(scope: AuditScope, id: string, manager: EntityManager = this.dataSource.manager): Promise<OrganizationEntity | null> {
    return inScope(manager.createQueryBuilder(OrganizationEntity, 'o'), scope).andWhere('o.id = :id', { id }).getOne();
  }

  /** Every binding of an organization, newest first. */
  bindingsOf(organizationId: string): Promise<BindingEntity[]> {
    return this.dataSource.manager.find(BindingEntity, { where: { organizationId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** The organization's legacy accounts (the verifier is `select: false` and stays unread). */
  legacyAccountsOf(organizationId: string): Promise<LegacyAccountEntity[]> {
    return this.dataSource.manager.find(LegacyAccountEntity, { where: { organizationId }, order: { loginName: 'ASC' } });
  }

  /** The binding under a row lock, when its organization is in scope. */
  async lockBinding(scope: AuditScope, id: string, manager: EntityManager): Promise<{ binding: BindingEntity; organization: OrganizationEntity } | null> {
    const binding = await manager.createQueryBuilder(BindingEntity, 'b').setLock('pessimistic_write').where('b.id = :id', { id }).getOne();
    if (!binding) return null;
    const organization = await this.findOrganization(scope, binding.organizationId, manager);
    return organization ? { binding, organization } : null;
  }

  /** Release the legacy account bound through `bindingId` back to `unbound`; its id, if there was one. */
  async releaseLegacyAccount(bindingId: string, manager: EntityManager): Promise<string | null> {
    const rows = await updateReturning<{ id: string }>(
      manager,
      `UPDATE legacy_account SET status = 'unbound', bound_binding_id = NULL, bound_at = NULL, version = version + 1, updated_at = now()
        WHERE bound_binding_id = $1 AND status = 'bound' RETURNING id`,
      [bindingId],
    );
    return rows[0]?.id ?? null;
  }

  /** Whether a legacy login name (by its key) belongs to an organization in scope. */
  async legacyLoginInScope(scope: AuditScope, loginNameKey: string): Promise<boolean> {
    const found = await inScope(this.dataSource.manager.createQueryBuilder(OrganizationEntity, 'o'), scope)
      .innerJoin(LegacyAccountEntity, 'a', 'a.organization_id = o.id')
      .andWhere('a.login_name_key = :loginNameKey', { loginNameKey })
      .getExists();
    return found;
  }

  /**
   * Whether a platform account is within the scope: it has an active binding to an organization
   * in scope, or a pending registration application routed to one of the scope's authorities.
   */
  async platformAccountInScope(scope: AuditScope, issuer: string, subject: string): Promise<boolean> {
    if (scope.kind === 'all') return true;
    const [row]: { found: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (
                SELECT 1 FROM binding b JOIN organization o ON o.id = b.organization_id
                 WHERE b.issuer = $1 AND b.subject = $2 AND b.status = 'active' AND o.authority_code = ANY($3::text[]))
           OR EXISTS (
                SELECT 1 FROM registration_application r
                 WHERE r.issuer = $1 AND r.subject = $2 AND r.status = 'pending' AND r.authority_code = ANY($3::text[])) AS found`,
      [issuer, subject, scope.authorityCodes],
    );
    return row?.found === true;
  }
}

function inScope(query: SelectQueryBuilder<OrganizationEntity>, scope: AuditScope): SelectQueryBuilder<OrganizationEntity> {
  if (scope.kind === 'all') return query.where('TRUE');
  return query.where('o.authority_code = ANY(:authorityCodes)', { authorityCodes: [...scope.authorityCodes] });
}
