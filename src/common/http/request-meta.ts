import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { negotiateLanguage, Language } from './language';
import { requestIdOf } from './request-id';

/** What services need to know about the HTTP request they serve (for audit and messages). */
export interface RequestMeta {
  readonly requestId: string;
  /** The caller's address as seen by us (honours `trustProxy`). Personal data: mask before storing. */
  readonly clientIp: string | undefined;
  readonly language: Language;
}

/** Inject the {@link RequestMeta} of the current request. */
export const CurrentRequest = createParamDecorator((_data: unknown, context: ExecutionContext): RequestMeta => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return {
    requestId: requestIdOf(request.raw),
    clientIp: request.ip,
    language: negotiateLanguage(request.headers['accept-language']),
  };
});
