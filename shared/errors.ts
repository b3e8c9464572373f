/** Failures the API explains to its caller; everything else is a bug or an outage. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

export class MeterNotFoundError extends NotFoundError {
  constructor(smartMeterId: string) {
    super(`smart meter '${smartMeterId}' has no account`);
  }
}
