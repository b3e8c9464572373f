/** Failures the API explains to its caller; everything else is a bug or an outage. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** The request is well formed but the account's state does not allow it (e.g. no price plan). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** A change to a document that must say which version it changes (If-Match), sent without saying so (428). */
export class PreconditionRequiredError extends Error {
  override readonly name = 'PreconditionRequiredError';
}

export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

/** A body that is not declared JSON: a form or text/plain post from another site's page must never be acted on. */
export class UnsupportedMediaTypeError extends Error {
  override readonly name = 'UnsupportedMediaTypeError';
}

export class MeterNotFoundError extends NotFoundError {
  constructor(smartMeterId: string) {
    super(`smart meter '${smartMeterId}' has no account`);
  }
}

export class PricePlanNotFoundError extends NotFoundError {
  constructor(pricePlanId: string) {
    super(`price plan '${pricePlanId}' is not in the catalogue`);
  }
}

export class NoPricePlanError extends ConflictError {
  constructor(smartMeterId: string, pricePlanId?: string) {
    super(
      pricePlanId
        ? `smart meter '${smartMeterId}' is on price plan '${pricePlanId}', which is not in the plan catalogue`
        : `smart meter '${smartMeterId}' has no price plan`,
    );
  }
}

/** No credential, or one that is malformed, expired, tampered with or revoked. */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
}

/** A known caller who may not do this. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}
