import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ServicePrincipal } from './service-principal';

/** The verified service client of the request (set by the service guards). */
export const CurrentService = createParamDecorator((_data: unknown, context: ExecutionContext): ServicePrincipal => {
  return context.switchToHttp().getRequest<{ user: ServicePrincipal }>().user;
});
