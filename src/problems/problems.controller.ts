import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import Negotiator from 'negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { codeOfProblemType } from '../common/errors/problem';
import { problemTypeBaseFor } from '../common/errors/problem-details.filter';
import { ProblemDocumentDto } from '../common/errors/problem.dto';
import { Language, negotiateLanguage } from '../common/http/language';
import { describeProblemType, describeProblemTypes, PROBLEM_PAGE_CSP, renderProblemTypeIndex, renderProblemTypePage } from './domain/problem-types';
import { ProblemTypeDto, ProblemTypeListDto } from './dto/problem-type.dto';

/** Seconds a problem-type page may be cached: the catalog changes only with a release. */
export const PROBLEM_PAGE_MAX_AGE_SECONDS = 3600;

const JSON_TYPES = ['application/json', 'application/problem+json'];

/**
 * Problem-type documentation (RFC 9457 §3.1.1): the `type` URI of every problem+json answer
 * resolves here. HTML by default (zh-CN, English on `Accept-Language: en`); JSON on
 * `Accept: application/json`. Public (no token), unversioned (the URIs are stable), cacheable.
 */
@ApiTags('problem-types')
@ApiExtraModels(ProblemTypeDto, ProblemTypeListDto)
@Controller({ path: 'problems' })
export class ProblemsController {
  @Get()
  @ApiOperation({
    operationId: 'listProblemTypes',
    security: [],
    summary: 'Every problem type the service answers with (HTML page, or JSON on Accept: application/json).',
    description: 'Read from the error catalog. `Cache-Control: public, max-age=3600`; varies on `Accept` and `Accept-Language`.',
  })
  @ApiProduces('text/html', 'application/json')
  @ApiOkResponse({
    description: 'The list of problem types.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ProblemTypeListDto) } },
      'text/html': { schema: { type: 'string', description: 'An HTML page listing every problem type.' } },
    },
  })
  list(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): ProblemTypeListDto | string {
    const language = negotiateLanguage(request.headers['accept-language']);
    const all = describeProblemTypes(language, problemTypeBaseFor(request));
    return wantsJson(request) ? this.json(reply, { problemTypes: all }) : this.html(reply, renderProblemTypeIndex(all, language));
  }

  @Get(':type')
  @ApiOperation({
    operationId: 'getProblemType',
    security: [],
    summary: 'One problem type: title, HTTP status, when it happens, what to do, its extension members and headers.',
    description:
      'The page the `type` URI of a problem+json answer points at (RFC 9457 §3.1.1). HTML by default (zh-CN, English on `Accept-Language: en`); ' +
      'the same entry as JSON on `Accept: application/json`. `Cache-Control: public, max-age=3600`; varies on `Accept` and `Accept-Language`. ' +
      'An unknown type is 404 `NOT_FOUND` (problem+json).',
  })
  @ApiParam({ name: 'type', description: 'Kebab-case problem type, the last segment of a `type` URI (e.g. `token-invalid` for `TOKEN_INVALID`).', example: 'token-invalid' })
  @ApiProduces('text/html', 'application/json')
  @ApiOkResponse({
    description: 'The problem type.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ProblemTypeDto) } },
      'text/html': { schema: { type: 'string', description: 'An HTML page documenting the problem type.' } },
    },
  })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no problem type of that name.', type: ProblemDocumentDto })
  get(@Param('type') name: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): ProblemTypeDto | string {
    const code = codeOfProblemType(name);
    if (!code) throw new DomainError(ErrorCode.NOT_FOUND);
    const language: Language = negotiateLanguage(request.headers['accept-language']);
    const description = describeProblemType(code, language, problemTypeBaseFor(request));
    return wantsJson(request)
      ? this.json(reply, description)
      : this.html(reply, renderProblemTypePage(description, language));
  }

  private cacheable(reply: FastifyReply): void {
    void reply.headers({ 'cache-control': `public, max-age=${PROBLEM_PAGE_MAX_AGE_SECONDS}`, vary: 'Accept, Accept-Language' });
  }

  private json<T>(reply: FastifyReply, body: T): T {
    this.cacheable(reply);
    void reply.header('content-type', 'application/json; charset=utf-8');
    return body;
  }

  private html(reply: FastifyReply, body: string): string {
    this.cacheable(reply);
    void reply.headers({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PROBLEM_PAGE_CSP });
    return body;
  }
}

/** Whether the client prefers JSON over HTML (`Accept`, RFC 9110 §12.5.1); HTML when it says nothing. */
function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  if (!accept) return false;
  const preferred = new Negotiator({ headers: { accept } }).mediaType(['text/html', ...JSON_TYPES]);
  return preferred !== undefined && JSON_TYPES.includes(preferred);
}
