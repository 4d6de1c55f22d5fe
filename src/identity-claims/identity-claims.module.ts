import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RegistrationApplicationsModule } from '../registration-applications/registration-applications.module';
import { BoundResolutionRepository } from './bound-resolution.repository';
import { ResolutionService } from './resolution.service';
import { ResolutionsController } from './resolutions.controller';

/** Identity-claim verification: platform claims vs the registry → one resolution. */
@Module({
  imports: [AuthModule, RegistrationApplicationsModule],
  controllers: [ResolutionsController],
  providers: [ResolutionService, BoundResolutionRepository],
  exports: [ResolutionService],
})
export class IdentityClaimsModule {}
