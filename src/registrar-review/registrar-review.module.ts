import { Module } from '@nestjs/common';
import { RegistrationApplicationsModule } from '../registration-applications/registration-applications.module';
import { RegistrarGuard } from './registrar.guard';
import { ReviewDecisionsService } from './review-decisions.service';
import { ReviewController } from './review.controller';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';

/** Registrar review (初审), scoped to each registrar's authorities. */
@Module({
  imports: [RegistrationApplicationsModule],
  controllers: [ReviewController],
  providers: [RegistrarGuard, ReviewRepository, ReviewService, ReviewDecisionsService],
})
export class RegistrarReviewModule {}
