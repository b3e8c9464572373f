import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessTokenVerifier } from '../../shared/auth/access-token-verifier.js';

const ISSUER = 'https://issuer.example';
const now = () => Math.floor(Date.now() / 1000);

describe('access tokens are checked as API Gateway checks them (#33.19)', () => {
  let sign: (build: (jwt: SignJWT) => SignJWT) => Promise<string>;
  let verify: ReturnType<typeof accessTokenVerifier>;
  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k', alg: 'RS256' };
    verify = accessTokenVerifier({ issuer: ISSUER, clientIds: ['web'], keys: createLocalJWKSet({ keys: [jwk] }) });
    sign = (build) => build(new SignJWT({ client_id: 'web', token_use: 'access' }).setProtectedHeader({ alg: 'RS256', kid: 'k' }).setIssuer(ISSUER).setSubject('s')).sign(privateKey);
  });

  it('accepts a token with an expiry to come and an issue time passed', async () => {
    await expect(verify(await sign((jwt) => jwt.setIssuedAt().setExpirationTime(now() + 600)))).resolves.toMatchObject({ sub: 's' });
  });

  it('refuses a token without exp, without iat, or issued in the future', async () => {
    await expect(verify(await sign((jwt) => jwt.setIssuedAt()))).rejects.toThrow(/exp/);
    await expect(verify(await sign((jwt) => jwt.setExpirationTime(now() + 600)))).rejects.toThrow(/iat/);
    await expect(verify(await sign((jwt) => jwt.setIssuedAt(now() + 3600).setExpirationTime(now() + 7200)))).rejects.toThrow(/future/);
  });
});
