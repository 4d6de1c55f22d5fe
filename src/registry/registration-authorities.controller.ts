import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { PlatformAuthGuard } from '../auth/platform-auth.guard';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { AuthoritiesRepository, divisionFullName } from './authorities.repository';
import { ListRegistrationAuthoritiesQueryDto, RegistrationAuthorityListResponseDto } from './dto/registration-authority.dto';

@ApiTags('registration-authorities')
@ApiBearerAuth('platform')
@Controller({ path: 'registration-authorities', version: '1' })
@UseGuards(PlatformAuthGuard)
export class RegistrationAuthoritiesController {
  constructor(private readonly authorities: AuthoritiesRepository) {}

  @Get()
  @ApiOperation({
    operationId: 'listRegistrationAuthorities',
    summary: 'Registration authorities accepting applications',
    description:
      'The choices of the application form (guide 图10): pick the division (登记机关所属地) first, then its authority. ' +
      'Only active authorities. Any platform user token.',
  })
  @ApiOkResponse({ type: RegistrationAuthorityListResponseDto })
  @ApiUnauthorizedResponse({ type: ProblemDocumentDto, description: 'TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_CLAIMS_INVALID' })
  async list(@Query() query: ListRegistrationAuthoritiesQueryDto): Promise<RegistrationAuthorityListResponseDto> {
    const rows = await this.authorities.listActive(query.divisionCode);
    return {
      authorities: rows.map((a) => ({ code: a.code, name: a.name, divisionCode: a.divisionCode, divisionName: divisionFullName(a.divisionCode), level: a.level })),
    };
  }
}
