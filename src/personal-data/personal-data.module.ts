import { Global, Module } from '@nestjs/common';
import { PersonalDataProtector } from './personal-data-protector';

/** Protection of personal data at rest: keyed hashes, encryption, masks (docs/data-protection.md). */
@Global()
@Module({ providers: [PersonalDataProtector], exports: [PersonalDataProtector] })
export class PersonalDataModule {}
