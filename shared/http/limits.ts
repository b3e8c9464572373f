/** Lambda refuses synchronous request payloads over 6 MB; the local server enforces the same limit. */
export const MAX_REQUEST_BODY_BYTES = 6 * 1024 * 1024;
