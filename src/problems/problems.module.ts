import { Module } from '@nestjs/common';
import { ProblemsController } from './problems.controller';

/** The problem-type pages: where every problem+json `type` URI resolves (RFC 9457 §3.1.1). */
@Module({ controllers: [ProblemsController] })
export class ProblemsModule {}
