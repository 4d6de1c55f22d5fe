import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LegacyBindingModule } from '../legacy-binding/legacy-binding.module';
import { RegistrarGuard } from '../registrar-review/registrar.guard';
import { SessionRecordsModule } from '../sessions/session-records.module';
import { OperatorSupportController } from './operator-support.controller';
import { SupportController } from './support.controller';
import { SupportRepository } from './support.repository';
import { SupportService } from './support.service';

/** Support tools: registrars (their jurisdiction, `/v1/support`) and operators (all, `/v1/operator/support`). */
@Module({
  imports: [AuthModule, LegacyBindingModule, SessionRecordsModule],
  controllers: [SupportController, OperatorSupportController],
  providers: [RegistrarGuard, SupportRepository, SupportService],
})
export class SupportModule {}
