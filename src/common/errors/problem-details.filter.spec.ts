import { NotFoundException } from '@nestjs/common';
import { classifyError, isDatabaseUnavailable, loggableError } from './problem-details.filter';
import { DomainError } from './domain-error';

describe('classifyError', () => {
  it('keeps domain errors', () => {
    const error = new DomainError('FORBIDDEN');
    expect(classifyError(error)).toBe(error);
  });

  it('maps framework statuses to stable codes', () => {
    expect(classifyError(new NotFoundException()).code).toBe('NOT_FOUND');
    expect(classifyError({ statusCode: 413 }).code).toBe('PAYLOAD_TOO_LARGE');
    expect(classifyError({ statusCode: 415 }).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(classifyError({ statusCode: 400 }).code).toBe('MALFORMED_REQUEST');
    expect(classifyError({ statusCode: 414 }).code).toBe('MALFORMED_REQUEST');
  });

  it('turns database unavailability into 503 with Retry-After, bugs into 500', () => {
    for (const e of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('timeout exceeded when trying to connect'),
      { name: 'QueryFailedError', message: 'canceling statement due to statement timeout', driverError: { code: '57014' } },
      { message: 'terminating connection due to administrator command', driverError: { code: '57P01' } },
      Object.assign(new Error('Connection terminated unexpectedly'), {}),
      { name: 'QueryFailedError', message: 'Query read timeout', driverError: new Error('Query read timeout') },
    ]) {
      expect(isDatabaseUnavailable(e)).toBe(true);
      const classified = classifyError(e);
      expect(classified.code).toBe('SERVICE_UNAVAILABLE');
      expect(classified.headers['retry-after']).toBe('5');
    }
    expect(classifyError({ message: 'syntax error', driverError: { code: '42601' } }).code).toBe('INTERNAL_ERROR');
    expect(classifyError(new TypeError('x is undefined')).code).toBe('INTERNAL_ERROR');
  });

  it('logs no SQL parameters of a failed query', () => {
    const error = Object.assign(new Error('duplicate key'), { query: 'INSERT …', parameters: ['210***', '13800000000'], driverError: { code: '23505' } });
    const logged = loggableError(error);
    expect(logged).toMatchObject({ message: 'duplicate key', code: '23505' });
    expect(JSON.stringify(logged)).not.toContain('13800000000');
  });
});
