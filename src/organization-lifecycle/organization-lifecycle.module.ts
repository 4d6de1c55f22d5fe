import { Module } from '@nestjs/common';
import { SessionRecordsModule } from '../sessions/session-records.module';
import { BindingSupersessionService } from './binding-supersession.service';
import { LifecycleSweeper } from './lifecycle-sweeper';
import { OrganizationLifecycleService } from './organization-lifecycle.service';
import { OrganizationRecordsRepository } from './organization-records.repository';
import { OrganizationSyncService } from './organization-sync.service';
import { OrganizationsController } from './organizations.controller';
import { TransitionEffectsService } from './transition-effects.service';

/** Organization lifecycle: registry sync, establishment, deregistration, and their effects on bindings and sessions. */
@Module({
  imports: [SessionRecordsModule],
  controllers: [OrganizationsController],
  providers: [
    OrganizationRecordsRepository,
    OrganizationSyncService,
    OrganizationLifecycleService,
    TransitionEffectsService,
    BindingSupersessionService,
    LifecycleSweeper,
  ],
  exports: [BindingSupersessionService, LifecycleSweeper],
})
export class OrganizationLifecycleModule {}
