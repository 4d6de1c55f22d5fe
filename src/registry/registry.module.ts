import { Global, Module } from '@nestjs/common';
import { OrganizationsRepository } from './organizations.repository';

/** The organization registry: divisions, registration authorities, organizations. */
@Global()
@Module({ providers: [OrganizationsRepository], exports: [OrganizationsRepository] })
export class RegistryModule {}
