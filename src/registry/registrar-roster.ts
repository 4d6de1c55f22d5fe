import { EntityManager, In } from 'typeorm';
import { AuditActorKind } from '../audit/audit-event.entity';
import { auditRow } from '../audit/audit.service';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { RegistrarAuthorityEntity, RegistrarEntity } from './entities/registrar.entity';
import { RegistrationAuthorityEntity } from './entities/registration-authority.entity';

/**
 * The registrar roster (初审人员名单): which platform accounts review applications for which
 * registration authorities. Used by the operator API and by `npm run registrars`; every change
 * is audited in the same transaction. Pass a transactional manager for changes.
 */

/** Who changes the roster: an operator service client (API) or a person at the CLI. */
export interface RosterActor {
  readonly kind: Extract<AuditActorKind, 'service' | 'operator'>;
  /** `service:<client id>` or `cli:<user>`. */
  readonly id: string;
  readonly requestId?: string | null;
  readonly clientIp?: string | null;
}

/** One authority a registrar reviews for. */
export interface RosterAuthority {
  readonly code: string;
  readonly name: string;
  readonly divisionCode: string;
  readonly active: boolean;
  readonly since: Date;
}

/** A registrar with the authorities it reviews for. */
export interface RosterEntry {
  readonly id: string;
  readonly issuer: string;
  readonly subject: string;
  readonly createdAt: Date;
  readonly authorities: readonly RosterAuthority[];
}

/**
 * Add a registrar (when new) and assign it to `authorityCodes` (already assigned ones are kept).
 * @throws DomainError AUTHORITY_NOT_FOUND when a code is not a registration authority.
 */
export async function addRegistrarAuthorities(
  manager: EntityManager,
  input: { issuer: string; subject: string; authorityCodes: readonly string[] },
  actor: RosterActor,
): Promise<{ entry: RosterEntry; created: boolean; added: string[] }> {
  const codes = [...new Set(input.authorityCodes)];
  const known = await manager.find(RegistrationAuthorityEntity, { where: { code: In(codes) } });
  const unknown = codes.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length > 0) throw new DomainError(ErrorCode.AUTHORITY_NOT_FOUND, { authorityCode: unknown.join(', ') }, { authorityCodes: unknown });

  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(RegistrarEntity)
    .values({ issuer: input.issuer, subject: input.subject })
    .orIgnore()
    .returning('id')
    .execute();
  const created = inserted.raw.length > 0;
  const registrar = await manager.findOneOrFail(RegistrarEntity, { where: { issuer: input.issuer, subject: input.subject } });
  const assigned = await manager
    .createQueryBuilder()
    .insert()
    .into(RegistrarAuthorityEntity)
    .values(codes.map((authorityCode) => ({ registrarId: registrar.id, authorityCode, createdBy: actor.id })))
    .orIgnore()
    .returning('authority_code')
    .execute();
  const added = (assigned.raw as { authority_code: string }[]).map((r) => r.authority_code).sort();
  if (created || added.length > 0) {
    await manager.insert(AuditEventEntity, auditRow({
      actorKind: actor.kind,
      actor: actor.id,
      action: created ? 'registrar.created' : 'registrar.authorities_added',
      targetType: 'registrar',
      targetId: registrar.id,
      outcome: 'success',
      requestId: actor.requestId ?? null,
      clientIp: actor.clientIp ?? null,
      details: { account: `${registrar.issuer}|${registrar.subject}`, authorityCodes: added },
    }));
  }
  return { entry: (await findRosterEntry(manager, { id: registrar.id }))!, created, added };
}

/**
 * Remove a registrar's assignment to one authority, or (without `authorityCode`) the registrar
 * altogether. A registrar left without authorities is removed.
 * @returns false when there was nothing to remove.
 */
export async function removeRegistrar(
  manager: EntityManager,
  target: { id: string } | { issuer: string; subject: string },
  authorityCode: string | null,
  actor: RosterActor,
): Promise<boolean> {
  const registrar = await manager.findOne(RegistrarEntity, { where: 'id' in target ? { id: target.id } : { issuer: target.issuer, subject: target.subject } });
  if (!registrar) return false;
  let removedCodes: string[];
  let registrarRemoved = false;
  if (authorityCode === null) {
    removedCodes = (await manager.find(RegistrarAuthorityEntity, { where: { registrarId: registrar.id } })).map((a) => a.authorityCode).sort();
    await manager.delete(RegistrarEntity, { id: registrar.id });
    registrarRemoved = true;
  } else {
    const result = await manager.delete(RegistrarAuthorityEntity, { registrarId: registrar.id, authorityCode });
    if (!result.affected) return false;
    removedCodes = [authorityCode];
    if ((await manager.count(RegistrarAuthorityEntity, { where: { registrarId: registrar.id } })) === 0) {
      await manager.delete(RegistrarEntity, { id: registrar.id });
      registrarRemoved = true;
    }
  }
  await manager.insert(AuditEventEntity, auditRow({
    actorKind: actor.kind,
    actor: actor.id,
    action: registrarRemoved ? 'registrar.removed' : 'registrar.authority_removed',
    targetType: 'registrar',
    targetId: registrar.id,
    outcome: 'success',
    requestId: actor.requestId ?? null,
    clientIp: actor.clientIp ?? null,
    details: { account: `${registrar.issuer}|${registrar.subject}`, authorityCodes: removedCodes },
  }));
  return true;
}

/** One registrar with its authorities, by id or platform account. */
export async function findRosterEntry(manager: EntityManager, target: { id: string } | { issuer: string; subject: string }): Promise<RosterEntry | null> {
  const registrar = await manager.findOne(RegistrarEntity, {
    where: 'id' in target ? { id: target.id } : { issuer: target.issuer, subject: target.subject },
    relations: { authorities: { authority: true } },
  });
  return registrar ? toEntry(registrar) : null;
}

/** The roster, optionally only the registrars of one authority, ordered by account. */
export async function listRoster(manager: EntityManager, filter: { authorityCode?: string } = {}): Promise<RosterEntry[]> {
  const query = manager
    .createQueryBuilder(RegistrarEntity, 'registrar')
    .leftJoinAndSelect('registrar.authorities', 'assignment')
    .leftJoinAndSelect('assignment.authority', 'authority')
    .orderBy('registrar.issuer', 'ASC')
    .addOrderBy('registrar.subject', 'ASC')
    .addOrderBy('assignment.authority_code', 'ASC');
  if (filter.authorityCode) {
    query.where('EXISTS (SELECT 1 FROM registrar_authority ra WHERE ra.registrar_id = registrar.id AND ra.authority_code = :code)', { code: filter.authorityCode });
  }
  return (await query.getMany()).map(toEntry);
}

/**
 * The authority codes a platform account reviews for (empty when it is not a registrar): one
 * indexed query, run on every registrar request.
 */
export async function registrarAuthorityCodes(manager: EntityManager, issuer: string, subject: string): Promise<{ registrarId: string; authorityCodes: string[] } | null> {
  const rows: { registrar_id: string; authority_code: string }[] = await manager.query(
    `SELECT r.id AS registrar_id, ra.authority_code
       FROM registrar r JOIN registrar_authority ra ON ra.registrar_id = r.id
      WHERE r.issuer = $1 AND r.subject = $2
      ORDER BY ra.authority_code`,
    [issuer, subject],
  );
  if (rows.length === 0) return null;
  return { registrarId: rows[0].registrar_id, authorityCodes: rows.map((r) => r.authority_code) };
}

function toEntry(registrar: RegistrarEntity): RosterEntry {
  const authorities = (registrar.authorities ?? [])
    .filter((a) => a.authority)
    .map((a) => ({ code: a.authorityCode, name: a.authority!.name, divisionCode: a.authority!.divisionCode, active: a.authority!.active, since: a.createdAt }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return { id: registrar.id, issuer: registrar.issuer, subject: registrar.subject, createdAt: registrar.createdAt, authorities };
}
