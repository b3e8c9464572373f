import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { accessTokenVerifier } from '../shared/auth/access-token-verifier.js';
import { RESOURCE_SERVER, type MachineScope } from '../shared/domain/authorization.js';
import { OPERATORS_GROUP, type AuthorizerContext } from '../shared/http/caller.js';
import { METER_KEY_PREFIX } from '../shared/services/meter-keys.js';

/** The app client id the local issuer's tokens are for (the stack's is Cognito's): the web app and `npm run ops`. */
export const LOCAL_CLIENT_ID = 'joi-energy-local-web';
/** The local machine client (client-credentials grant), standing in for the stack's supplier-systems client. */
export const LOCAL_MACHINE_CLIENT_ID = 'joi-energy-local-supplier';
/** Every client whose tokens the local API accepts, as the stack's authorizers accept its three. */
export const LOCAL_CLIENT_IDS = [LOCAL_CLIENT_ID, LOCAL_MACHINE_CLIENT_ID];

/** What the local server puts at `requestContext.authorizer` for a request, or the response API Gateway would give. */
export type Authorization = { authorizer: Record<string, unknown> } | { refused: { statusCode: number; headers: Record<string, string>; body: string } };

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

const UNAUTHORIZED = {
  statusCode: 401,
  headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
  body: JSON.stringify({ message: 'Unauthorized' }),
};

/**
 * The local stand-in for Cognito and API Gateway's authorizers (AUTH=on): an issuer whose RS256 key pair lives in the
 * data folder, publishing its keys at `<issuer>/.well-known/jwks.json` as Cognito does, signing access tokens shaped
 * like Cognito's; the JWT check API Gateway makes; and the very meter-key authorizer the stack deploys.
 */
export class LocalAuth {
  /** The machine client's secret: new at every start, written to credentials.json beside the demo tokens. */
  readonly machineClientSecret = randomBytes(24).toString('base64url');

  private constructor(
    readonly issuer: string,
    private readonly privateKey: SigningKey,
    readonly publicJwk: JWK,
    private readonly meterKeyAuthorizer: (event: APIGatewayRequestAuthorizerEventV2) => Promise<{ context?: AuthorizerContext }>,
  ) {}

  /** Loads (or makes, on first use) the issuer's key pair in the data folder. */
  static async load(
    dataDir: string,
    issuer: string,
    meterKeyAuthorizer: (event: APIGatewayRequestAuthorizerEventV2) => Promise<{ context?: AuthorizerContext }>,
  ): Promise<LocalAuth> {
    const file = join(dataDir, 'local-issuer-key.json');
    let privateJwk: JWK;
    if (existsSync(file)) {
      privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    } else {
      const { privateKey } = await generateKeyPair('RS256', { extractable: true });
      privateJwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
      writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    const { d, p, q, dp, dq, qi, ...publicJwk } = privateJwk; // eslint-disable-line @typescript-eslint/no-unused-vars
    return new LocalAuth(issuer, await importJWK(privateJwk, 'RS256'), publicJwk, meterKeyAuthorizer);
  }

  /** The issuer's published keys (`/.well-known/jwks.json`). */
  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** An access token shaped like Cognito's: `sub`, `client_id`, `token_use: access`, groups for operators. */
  issueAccessToken(sub: string, options: { operator?: boolean; ttlSeconds?: number; username?: string } = {}): Promise<string> {
    const claims = {
      client_id: LOCAL_CLIENT_ID,
      token_use: 'access',
      scope: 'openid email profile',
      username: options.username ?? sub,
      ...(options.operator && { 'cognito:groups': [OPERATORS_GROUP] }),
    };
    return this.sign(claims, sub, options.ttlSeconds ?? 24 * 3600);
  }

  /** Whether a client id and secret are the local machine client's (compared in constant time). */
  isMachineClient(clientId: string, secret: string): boolean {
    const given = Buffer.from(secret);
    const expected = Buffer.from(this.machineClientSecret);
    return clientId === LOCAL_MACHINE_CLIENT_ID && given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** A client-credentials access token shaped like Cognito's: `sub` = `client_id`, no user, the scopes granted. */
  issueMachineToken(scopes: readonly MachineScope[], ttlSeconds = 3600): Promise<string> {
    const claims = { client_id: LOCAL_MACHINE_CLIENT_ID, token_use: 'access', scope: scopes.map((s) => `${RESOURCE_SERVER}/${s}`).join(' ') };
    return this.sign(claims, LOCAL_MACHINE_CLIENT_ID, ttlSeconds);
  }

  /** Signs claims as this issuer, RS256 with its key, for `sub`, valid `ttlSeconds` from now. */
  private sign(claims: Record<string, unknown>, sub: string, ttlSeconds: number): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid })
      .setIssuer(this.issuer)
      .setSubject(sub)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(this.privateKey);
  }

  /**
   * What API Gateway does before the handler runs: no Authorization header → 401 from the gateway; on the meter
   * route, the meter-key authorizer's answer; on every other route, the JWT authorizer's check (401 when it fails).
   */
  async authorize(kind: 'meter-key' | 'access-token', headers: Record<string, string>, routeKey: string): Promise<Authorization> {
    const header = headers.authorization;
    if (!header) return { refused: UNAUTHORIZED };
    if (kind === 'meter-key') {
      const result = await this.meterKeyAuthorizer({
        version: '2.0',
        type: 'REQUEST',
        routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${routeKey.replace(' ', '')}`,
        identitySource: [header],
        routeKey,
        rawPath: '',
        rawQueryString: '',
        headers,
      } as unknown as APIGatewayRequestAuthorizerEventV2);
      return { authorizer: { lambda: result.context } };
    }
    const token = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] ?? '';
    // A meter's key on a customer route: a valid caller who may not read (403 from the authorization function).
    if (token.startsWith(METER_KEY_PREFIX)) return { authorizer: (await this.authorize('meter-key', headers, routeKey) as { authorizer: Record<string, unknown> }).authorizer };
    try {
      const claims = await this.verify(token);
      // API Gateway hands array claims to the function as text: "[operators]".
      const flattened = Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : v]));
      return { authorizer: { jwt: { claims: flattened, scopes: null } } };
    } catch {
      return { refused: UNAUTHORIZED };
    }
  }

  private readonly verify = (token: string) =>
    accessTokenVerifier({ issuer: this.issuer, clientIds: LOCAL_CLIENT_IDS, keys: createLocalJWKSet(this.jwks()) })(token);
}
