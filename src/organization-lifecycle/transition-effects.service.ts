import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { BindingKind } from '../bindings/binding.entity';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { updateReturning } from '../database/update-returning';
import { NewEvent } from '../events/events.service';
import { OrganizationEntity } from '../registry/entities/organization.entity';
import { ActingParty } from '../sessions/acting-party';
import { SessionEndingService } from '../sessions/session-ending.service';
import { bindingEffect, LifecycleTransition, supersessionDeadline } from './domain/organization-transitions';

/** What a transition did. */
export interface TransitionEffects {
  readonly supersededBindings: number;
  readonly scheduledSupersessions: number;
  readonly revokedBindings: number;
  readonly endedSessions: number;
  readonly supersedeAt: Date | null;
}

/** No effects (no transition, or an unchanged repeat). */
export const NO_EFFECTS: TransitionEffects = { supersededBindings: 0, scheduledSupersessions: 0, revokedBindings: 0, endedSessions: 0, supersedeAt: null };

/** `ended_reason` of bindings ended by the lifecycle. */
export const BINDING_END_REASONS = { establish: 'organization_established', deregister: 'organization_deregistered' } as const;

interface BindingRow {
  id: string;
  kind: BindingKind;
}

/**
 * Applies an organization's status transition, inside the caller's transaction (which holds the
 * organization's row lock and has already written the new status): the bindings' fate per
 * the state machine (`bindingEffect`), the sessions they carried, one audit event per change,
 * and the feed events for the caller to append last.
 */
@Injectable()
export class TransitionEffectsService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly sessions: SessionEndingService,
  ) {}

  async apply(
    manager: EntityManager,
    organization: OrganizationEntity,
    transition: LifecycleTransition,
    now: Date,
    party: ActingParty,
  ): Promise<{ effects: TransitionEffects; events: NewEvent[] }> {
    const active: BindingRow[] = await manager.query(
      `SELECT id, kind FROM binding WHERE organization_id = $1 AND status = 'active' ORDER BY id FOR UPDATE`,
      [organization.id],
    );
    const deadline = transition === 'establish' ? supersessionDeadline(now, this.config.lifecycle.establishmentGracePeriodHours) : null;
    const byEffect = (effect: string) => active.filter((b) => bindingEffect(transition, b.kind) === effect);
    const toSupersede = byEffect('supersede');
    const toRevoke = byEffect('revoke');
    const events: NewEvent[] = [this.organizationEvent(organization, transition, deadline)];

    let superseded: BindingRow[] = [];
    let scheduled: BindingRow[] = [];
    if (toSupersede.length > 0 && deadline === null) {
      superseded = await this.endBindings(manager, toSupersede, 'superseded', BINDING_END_REASONS.establish, now);
    } else if (toSupersede.length > 0 && deadline !== null) {
      scheduled = await updateReturning<BindingRow>(
        manager,
        `UPDATE binding SET supersede_at = $2 WHERE id = ANY($1::uuid[]) AND status = 'active' RETURNING id, kind`,
        [toSupersede.map((b) => b.id), deadline],
      );
    }
    const revoked = toRevoke.length > 0 ? await this.endBindings(manager, toRevoke, 'revoked', BINDING_END_REASONS.deregister, now) : [];

    await this.audit.record({
      actorKind: party.actorKind,
      actor: party.actor,
      action: transition === 'establish' ? 'organization.established' : 'organization.deregistered',
      targetType: 'organization',
      targetId: organization.id,
      outcome: 'success',
      requestId: party.requestId,
      clientIp: party.clientIp,
      details: {
        uscc: organization.uscc,
        supersededBindings: superseded.length,
        scheduledSupersessions: scheduled.length,
        revokedBindings: revoked.length,
        supersedeAt: deadline ? deadline.toISOString() : null,
      },
    }, manager);
    for (const [rows, action, reason] of [
      [superseded, 'binding.superseded', BINDING_END_REASONS.establish],
      [scheduled, 'binding.supersession_scheduled', null],
      [revoked, 'binding.revoked', BINDING_END_REASONS.deregister],
    ] as const) {
      for (const binding of rows) {
        await this.audit.record({
          actorKind: party.actorKind,
          actor: party.actor,
          action,
          targetType: 'binding',
          targetId: binding.id,
          outcome: 'success',
          reason,
          requestId: party.requestId,
          clientIp: party.clientIp,
          details: { organizationId: organization.id, kind: binding.kind, ...(deadline && action === 'binding.supersession_scheduled' ? { supersedeAt: deadline.toISOString() } : {}) },
        }, manager);
        events.push({
          type: action,
          aggregateType: 'binding',
          aggregateId: binding.id,
          data: {
            bindingId: binding.id,
            organizationId: organization.id,
            kind: binding.kind,
            ...(reason ? { reason } : {}),
            ...(deadline && action === 'binding.supersession_scheduled' ? { supersedeAt: deadline.toISOString() } : {}),
          },
        });
      }
    }

    const sessionEvents = transition === 'deregister'
      ? await this.sessions.endForOrganization(manager, organization.id, 'organization_deregistered', now, party)
      : await this.sessions.endForBindings(manager, superseded.map((b) => b.id), 'binding_superseded', now, party);
    events.push(...sessionEvents);
    return {
      effects: {
        supersededBindings: superseded.length,
        scheduledSupersessions: scheduled.length,
        revokedBindings: revoked.length,
        endedSessions: sessionEvents.length,
        supersedeAt: deadline,
      },
      events,
    };
  }

  private endBindings(manager: EntityManager, bindings: readonly BindingRow[], status: 'superseded' | 'revoked', reason: string, now: Date): Promise<BindingRow[]> {
    return updateReturning<BindingRow>(
      manager,
      `UPDATE binding SET status = $2, ended_at = $3, ended_reason = $4
        WHERE id = ANY($1::uuid[]) AND status = 'active'
    RETURNING id, kind`,
      [bindings.map((b) => b.id), status, now, reason],
    );
  }

  private organizationEvent(organization: OrganizationEntity, transition: LifecycleTransition, supersedeAt: Date | null): NewEvent {
    if (transition === 'establish') {
      return {
        type: 'organization.established',
        aggregateType: 'organization',
        aggregateId: organization.id,
        data: {
          organizationId: organization.id,
          externalId: organization.externalId,
          uscc: organization.uscc,
          name: organization.name,
          establishedAt: organization.establishedAt,
          supersedeAt: supersedeAt ? supersedeAt.toISOString() : null,
        },
      };
    }
    return {
      type: 'organization.deregistered',
      aggregateType: 'organization',
      aggregateId: organization.id,
      data: { organizationId: organization.id, externalId: organization.externalId, uscc: organization.uscc, deregisteredAt: organization.deregisteredAt },
    };
  }
}
