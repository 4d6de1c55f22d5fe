import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { PlatformAuthGuard } from '../auth/platform-auth.guard';
import { PlatformPrincipal } from '../auth/platform-principal';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { CurrentRequest, RequestMeta } from '../common/http/request-meta';
import { ResolutionResponseDto } from './dto/resolution-response.dto';
import { ResolutionService } from './resolution.service';

@ApiTags('resolutions')
@ApiBearerAuth('platform')
@Controller({ path: 'resolutions', version: '1' })
@UseGuards(PlatformAuthGuard)
export class ResolutionsController {
  constructor(private readonly resolutions: ResolutionService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'createResolution',
    summary: 'Resolve a platform login to an organization account',
    description:
      'Called by the management system after every platform login, with the user\'s platform token. ' +
      'Answers 200 with one resolution `status` (DOMAIN.md table) and the details it needs. A legal-person user whose ' +
      'USCC, exact certificate name (一字不差, guide 图7) and user type match is bound on the first login (one USCC, ' +
      'one legal-person account). Token failures are 401 problem+json.',
  })
  @ApiOkResponse({ type: ResolutionResponseDto })
  @ApiUnauthorizedResponse({ type: ProblemDocumentDto, description: 'TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_CLAIMS_INVALID' })
  create(@CurrentPrincipal() principal: PlatformPrincipal, @CurrentRequest() meta: RequestMeta): Promise<ResolutionResponseDto> {
    return this.resolutions.resolve(principal, meta);
  }
}
