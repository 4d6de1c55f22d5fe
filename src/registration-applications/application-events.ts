import { AuditEventInput } from '../audit/audit.service';
import { NewEvent } from '../events/events.service';
import { EventData } from '../events/outbox-event.entity';
import { ApplicationStatus } from './domain/application-status';
import { RegistrationApplicationEntity } from './registration-application.entity';

/**
 * Event types of the feed (`GET /v1/events`) written by registration applications and their
 * review. Data carries identifiers, statuses and the (public) proposed name; never the contact
 * person, the note or the rejection reason.
 */
export const ApplicationEventType = {
  SUBMITTED: 'application.submitted',
  WITHDRAWN: 'application.withdrawn',
  APPROVED: 'application.approved',
  REJECTED: 'application.rejected',
  BINDING_CREATED: 'binding.created',
} as const;
export type ApplicationEventType = (typeof ApplicationEventType)[keyof typeof ApplicationEventType];

/** The aggregate type of application events. */
export const APPLICATION_AGGREGATE = 'registration_application';

/** An application event: who it is routed to, its status and version, plus `extra`. */
export function applicationEvent(type: ApplicationEventType, application: RegistrationApplicationEntity, extra: EventData = {}): NewEvent {
  return {
    type,
    aggregateType: APPLICATION_AGGREGATE,
    aggregateId: application.id,
    data: {
      applicationId: application.id,
      status: application.status,
      version: application.version,
      authorityCode: application.authorityCode,
      divisionCode: application.divisionCode,
      organizationType: application.organizationType,
      proposedName: application.proposedName,
      ...extra,
    },
  };
}

/**
 * The audit event of a status change of an application: actor, authority, before and after
 * status. No personal data (contact person, note, reason text) in the details.
 */
export function applicationAudit(args: {
  actorKind: 'platform_user' | 'registrar';
  actor: string;
  action: string;
  application: RegistrationApplicationEntity;
  fromStatus: ApplicationStatus | null;
  requestId: string;
  clientIp: string | undefined;
  details?: Record<string, string | number | boolean | null>;
}): AuditEventInput {
  return {
    actorKind: args.actorKind,
    actor: args.actor,
    action: args.action,
    targetType: APPLICATION_AGGREGATE,
    targetId: args.application.id,
    outcome: 'success',
    requestId: args.requestId,
    clientIp: args.clientIp,
    details: {
      authorityCode: args.application.authorityCode,
      fromStatus: args.fromStatus,
      toStatus: args.application.status,
      version: args.application.version,
      ...(args.details ?? {}),
    },
  };
}
