import { Global, Module } from '@nestjs/common';
import { AuthoritiesRepository } from './authorities.repository';
import { OrganizationsRepository } from './organizations.repository';
import { RegistrarsController } from './registrars.controller';
import { RegistrarsService } from './registrars.service';
import { RegistrationAuthoritiesController } from './registration-authorities.controller';

/** The organization registry: divisions, registration authorities and their registrar roster, organizations. */
@Global()
@Module({
  controllers: [RegistrationAuthoritiesController, RegistrarsController],
  providers: [OrganizationsRepository, AuthoritiesRepository, RegistrarsService],
  exports: [OrganizationsRepository, AuthoritiesRepository],
})
export class RegistryModule {}
