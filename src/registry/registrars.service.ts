import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ServicePrincipal } from '../auth/service-principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { RequestMeta } from '../common/http/request-meta';
import { RegistrarResponseDto } from './dto/registrar.dto';
import {
  addRegistrarAuthorities, findRosterEntry, listRoster, removeRegistrar, RosterActor, RosterEntry,
} from './registrar-roster';

/** The operator API over the registrar roster (one transaction per change, audited). */
@Injectable()
export class RegistrarsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(input: { issuer: string; subject: string; authorityCodes: string[] }, service: ServicePrincipal, meta: RequestMeta): Promise<{ registrar: RegistrarResponseDto; created: boolean }> {
    const { entry, created } = await this.dataSource.transaction((manager) => addRegistrarAuthorities(manager, input, actorOf(service, meta)));
    return { registrar: presentRegistrar(entry), created };
  }

  async assign(id: string, authorityCode: string, service: ServicePrincipal, meta: RequestMeta): Promise<RegistrarResponseDto> {
    const entry = await this.dataSource.transaction(async (manager) => {
      const existing = await findRosterEntry(manager, { id });
      if (!existing) throw new DomainError(ErrorCode.NOT_FOUND);
      return (await addRegistrarAuthorities(manager, { issuer: existing.issuer, subject: existing.subject, authorityCodes: [authorityCode] }, actorOf(service, meta))).entry;
    });
    return presentRegistrar(entry);
  }

  async remove(id: string, authorityCode: string | null, service: ServicePrincipal, meta: RequestMeta): Promise<void> {
    const removed = await this.dataSource.transaction((manager) => removeRegistrar(manager, { id }, authorityCode, actorOf(service, meta)));
    if (!removed) throw new DomainError(ErrorCode.NOT_FOUND);
  }

  async get(id: string): Promise<RegistrarResponseDto> {
    const entry = await findRosterEntry(this.dataSource.manager, { id });
    if (!entry) throw new DomainError(ErrorCode.NOT_FOUND);
    return presentRegistrar(entry);
  }

  async list(authorityCode?: string): Promise<RegistrarResponseDto[]> {
    return (await listRoster(this.dataSource.manager, { authorityCode })).map(presentRegistrar);
  }
}

function actorOf(service: ServicePrincipal, meta: RequestMeta): RosterActor {
  return { kind: 'service', id: `service:${service.clientId}`, requestId: meta.requestId, clientIp: meta.clientIp };
}

/** A roster entry as the API shows it. */
export function presentRegistrar(entry: RosterEntry): RegistrarResponseDto {
  return {
    id: entry.id,
    issuer: entry.issuer,
    subject: entry.subject,
    createdAt: entry.createdAt.toISOString(),
    authorities: entry.authorities.map((a) => ({ code: a.code, name: a.name, divisionCode: a.divisionCode, active: a.active, since: a.since.toISOString() })),
  };
}
