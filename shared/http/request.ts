import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors.js';
import type { ApiEvent } from './api-handler.js';
import { MAX_REQUEST_BODY_BYTES } from './limits.js';

/**
 * Refuses a body not declared as JSON (415). Browsers send text/plain, form and multipart bodies to any site without
 * asking it first (no CORS preflight): a page elsewhere could otherwise store readings or onboard meters in the open
 * demo. `application/json` makes a cross-site request preflighted, and the API answers no preflight.
 */
export function requireJson(event: ApiEvent): void {
  const declared = (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (declared !== 'application/json') {
    throw new UnsupportedMediaTypeError(`a body must be sent as application/json${declared ? `, not ${declared}` : ' (Content-Type is missing)'}`);
  }
}

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
