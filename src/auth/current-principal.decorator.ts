import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { PlatformPrincipal } from './platform-principal';

/** The verified platform user of the request (set by {@link PlatformAuthGuard}). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): PlatformPrincipal => {
  const request = context.switchToHttp().getRequest<{ user: PlatformPrincipal }>();
  return request.user;
});
