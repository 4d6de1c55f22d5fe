import { Module } from '@nestjs/common';
import { IdentityClaimsModule } from '../identity-claims/identity-claims.module';
import { OrganizationLifecycleModule } from '../organization-lifecycle/organization-lifecycle.module';
import { SessionCallerGuard } from './session-caller.guard';
import { SessionOpeningService } from './session-opening.service';
import { SessionRecordsModule } from './session-records.module';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** Sessions API: one active session per organization account (guide 图11). */
@Module({
  imports: [SessionRecordsModule, IdentityClaimsModule, OrganizationLifecycleModule],
  controllers: [SessionsController],
  providers: [SessionOpeningService, SessionsService, SessionCallerGuard],
})
export class SessionsModule {}
