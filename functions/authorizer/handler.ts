import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import type { AuthorizerContext } from '../../shared/http/caller.js';
import { identifyBearer } from '../../shared/auth/bearer-identity.js';
import { config } from '../../shared/config.js';
import { authorizerDependencies } from '../../shared/runtime.js';

config(); // read at the cold start: a malformed variable fails the function's init, naming it

/**
 * The meter-key authorizer (API Gateway REQUEST authorizer, simple responses, cached per Authorization header): it
 * identifies the caller — a meter by its key (one GetItem), or a customer/operator by an access token — and hands
 * that to the handler, whose authorization function decides. It never says no itself: API Gateway would answer 403
 * where a refused credential must be a 401 with WWW-Authenticate.
 */
export const handler = async (
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>> => ({
  isAuthorized: true,
  context: await identifyBearer(event.headers?.authorization ?? event.identitySource?.[0], authorizerDependencies()),
});
