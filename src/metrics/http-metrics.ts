import type { FastifyInstance } from 'fastify';
import { HTTP_METHODS, UNMATCHED_ROUTE } from './metric-names';
import { MetricsService } from './metrics.service';

/**
 * Count and time every HTTP response by method, route *template* (`/v1/resolutions`, never
 * the raw URL with ids or query strings) and status. One `onResponse` hook; Fastify has
 * already measured the time (`reply.elapsedTime`, from `onRequest` to the response).
 */
export function installHttpMetrics(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const method = HTTP_METHODS.has(request.method) ? request.method : 'OTHER';
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    metrics.observeHttpRequest(method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
