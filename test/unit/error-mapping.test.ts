import { describe, expect, it, vi } from 'vitest';
import { errorResponse } from '../../shared/http/api-handler.js';
import { MeterNotFoundError, PayloadTooLargeError, ValidationError } from '../../shared/errors.js';

describe('errorResponse: the one place errors become HTTP', () => {
  it.each([
    [new ValidationError('limit must be a positive integer'), 400],
    [new MeterNotFoundError('x'), 404],
    [new PayloadTooLargeError('too big'), 413],
  ])('maps %s to %i with its message', (error, status) => {
    const result = errorResponse(error);
    expect(result.statusCode).toBe(status);
    expect(JSON.parse(result.body!)).toEqual({ message: error.message });
  });

  it('maps throttling that outlived the retries to 503 with Retry-After', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const error = Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });
    const result = errorResponse(error);
    expect(result.statusCode).toBe(503);
    expect(result.headers).toMatchObject({ 'retry-after': '1' });
  });

  it('maps anything else to a 500 that leaks no detail', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = errorResponse(new TypeError('secret internals'));
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('secret');
  });
});
