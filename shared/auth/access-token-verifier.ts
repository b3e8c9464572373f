import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export interface AccessTokenIssuer {
  /** The `iss` every token must carry (Cognito: https://cognito-idp.<region>.amazonaws.com/<pool id>). */
  issuer: string;
  /** The app clients whose tokens count: Cognito access tokens carry the client as `client_id`, ID tokens as `aud`. */
  clientIds: readonly string[];
  /** Where the signing keys are; default `<issuer>/.well-known/jwks.json`, as Cognito publishes them. */
  keys?: JWTVerifyGetKey;
}

/**
 * Checks an access token as API Gateway's JWT authorizer does: RS256 signature against the issuer's published keys
 * (so `alg: none` or another key fails), issuer, an expiry that must be there and not passed, not-before, an issue
 * time that must be there and not in the future, and the client id. jose does the crypto.
 */
export function accessTokenVerifier(config: AccessTokenIssuer): (token: string) => Promise<JWTPayload> {
  const keys = config.keys ?? createRemoteJWKSet(new URL(`${config.issuer.replace(/\/$/, '')}/.well-known/jwks.json`));
  return async (token) => {
    const { payload } = await jwtVerify(token, keys, { issuer: config.issuer, algorithms: ['RS256'], requiredClaims: ['exp', 'iat'] });
    if (payload.iat! > Math.floor(Date.now() / 1000)) throw new Error('token issued in the future');
    const audience = [payload.aud ?? []].flat();
    if (!config.clientIds.some((id) => payload.client_id === id || audience.includes(id))) throw new Error('token issued for another client');
    return payload;
  };
}
