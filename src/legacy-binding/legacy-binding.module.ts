import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LegacyAccountsRepository } from './legacy-accounts.repository';
import { LegacyBindingController } from './legacy-binding.controller';
import { LegacyBindingService } from './legacy-binding.service';
import { LockoutCountersRepository } from './lockout-counters.repository';
import { LockoutService } from './lockout.service';
import { LockoutsController } from './lockouts.controller';

/** Legacy accounts, binding by re-authentication (guide 图9 option 一), and the lockout against guessing. */
@Module({
  imports: [AuthModule],
  controllers: [LegacyBindingController, LockoutsController],
  providers: [LegacyBindingService, LockoutService, LegacyAccountsRepository, LockoutCountersRepository],
  exports: [LockoutService],
})
export class LegacyBindingModule {}
