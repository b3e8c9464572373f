import { PayloadTooLargeError, ValidationError } from '../errors.js';
import type { ApiEvent } from './api-handler.js';
import { MAX_REQUEST_BODY_BYTES } from './limits.js';

/** The request body parsed as JSON, refused when absent, malformed or over the size limit. */
export function jsonBody(event: ApiEvent): unknown {
  if (event.body === undefined || event.body === null || event.body === '') throw new ValidationError('body is required');
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_REQUEST_BODY_BYTES) {
    throw new PayloadTooLargeError(`body is larger than ${MAX_REQUEST_BODY_BYTES} bytes`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`body is not valid JSON: ${(error as Error).message}`);
  }
}
