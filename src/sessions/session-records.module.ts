import { Module } from '@nestjs/common';
import { SessionEndingService } from './session-ending.service';

/**
 * The lower half of sessions: ending them (with audit and events) inside another capability's
 * transaction. Imported by the organization lifecycle (bindings superseded/revoked end their
 * sessions) and by the sessions API, which itself builds on the lifecycle.
 */
@Module({ providers: [SessionEndingService], exports: [SessionEndingService] })
export class SessionRecordsModule {}
