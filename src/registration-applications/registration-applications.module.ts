import { Module, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { RegistrationApplicationsController } from './registration-applications.controller';
import { RegistrationApplicationsRepository } from './registration-applications.repository';
import { RegistrationApplicationsService } from './registration-applications.service';

/** Registration applications: the applicant's API (guide 图9 option 二, 图10). */
@Module({
  controllers: [RegistrationApplicationsController],
  providers: [RegistrationApplicationsRepository, RegistrationApplicationsService],
  exports: [RegistrationApplicationsRepository],
})
export class RegistrationApplicationsModule implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly applications: RegistrationApplicationsRepository,
  ) {}

  /** `orgbind_registration_applications_pending`, counted at each scrape. */
  onModuleInit(): void {
    this.metrics.setPendingApplicationsSource(() => this.applications.countPending());
  }
}
