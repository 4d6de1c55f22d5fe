import { Module } from '@nestjs/common';
import { RegistrationApplicationsController } from './registration-applications.controller';
import { RegistrationApplicationsRepository } from './registration-applications.repository';
import { RegistrationApplicationsService } from './registration-applications.service';

/** Registration applications: the applicant's API (guide 图9 option 二, 图10). */
@Module({
  controllers: [RegistrationApplicationsController],
  providers: [RegistrationApplicationsRepository, RegistrationApplicationsService],
  exports: [RegistrationApplicationsRepository],
})
export class RegistrationApplicationsModule {}
