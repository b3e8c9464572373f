import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CLIENT_ID, LOCAL_MACHINE_CLIENT_ID } from '../../local/local-auth.js';
import { DEMO_ACCOUNTS } from '../../shared/domain/accounts.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables } from '../support/tables.js';

/** The local issuer's sign-in (AUTH=on): the authorization-code flow with PKCE the web app runs, and its refusals. */
describe('local sign-in (code + PKCE)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    await freshTables();
    server = await startLocalServer({ auth: true });
  });
  afterAll(() => server.close());

  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const app = () => `${server.base}/`;
  const authorizeParams = (overrides: Record<string, string> = {}) =>
    new URLSearchParams({ client_id: LOCAL_CLIENT_ID, response_type: 'code', redirect_uri: app(), state: 'xyz', code_challenge: challenge, code_challenge_method: 'S256', ...overrides });
  const form = (path: string, body: URLSearchParams) =>
    fetch(`${server.base}/local-issuer${path}`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  const codeFor = async (customer: string) => {
    const response = await form('/authorize', new URLSearchParams([...authorizeParams(), ['customer', customer]]));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(app());
    expect(location.searchParams.get('state')).toBe('xyz');
    return location.searchParams.get('code')!;
  };
  const exchange = (code: string, codeVerifier = verifier) =>
    form('/token', new URLSearchParams({ grant_type: 'authorization_code', client_id: LOCAL_CLIENT_ID, code, redirect_uri: app(), code_verifier: codeVerifier }));

  it('lists the demo customers, signs one in, and the token opens only their meter', async () => {
    const page = await fetch(`${server.base}/local-issuer/authorize?${authorizeParams()}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html.match(/name="customer"/g)).toHaveLength(new Set(DEMO_ACCOUNTS.map((a) => a.customerId)).size + 2); // the demo customers (the solar one has two meters), an operator with MFA and one without
    const token = await exchange(await codeFor('demo-customer-peter'));
    expect(token.status).toBe(200);
    const { access_token: accessToken, expires_in: expiresIn } = (await token.json()) as { access_token: string; expires_in: number };
    expect(expiresIn).toBe(3600);
    const as = (path: string) => fetch(server.base + path, { headers: { authorization: `Bearer ${accessToken}` } });
    expect((await as('/accounts/smart-meter-1')).status).toBe(200);
    expect((await as('/accounts/smart-meter-0')).status).toBe(403);
  });

  it('refuses a wrong verifier, a reused code, a foreign redirect, no PKCE, an unknown client and a non-demo customer', async () => {
    const code = await codeFor('demo-customer-sarah');
    expect(await (await exchange(code, 'not-the-verifier')).json()).toMatchObject({ error: 'invalid_grant' });
    expect((await exchange(code)).status).toBe(400); // a code is single-use, even after a failed attempt
    const fresh = await codeFor('demo-customer-sarah');
    expect((await exchange(fresh)).status).toBe(200);
    expect((await exchange(fresh)).status).toBe(400);

    const refusedRequests: Record<string, string>[] = [{ redirect_uri: 'https://evil.example/' }, { redirect_uri: `${server.base}/elsewhere` }, { code_challenge_method: 'plain' }, { code_challenge: '' }, { client_id: 'other' }, { response_type: 'token' }];
    for (const overrides of refusedRequests) {
      const page = await fetch(`${server.base}/local-issuer/authorize?${authorizeParams(overrides)}`, { redirect: 'manual' });
      expect(page.status, JSON.stringify(overrides)).toBe(400);
      expect(page.headers.get('location')).toBeNull();
    }
    const huge = await form('/token', new URLSearchParams({ grant_type: 'authorization_code', code: 'x'.repeat(100_000) }));
    expect(huge.status).toBe(413);
    const stranger = await form('/authorize', new URLSearchParams([...authorizeParams(), ['customer', 'an-operator']]));
    expect(stranger.status).toBe(400);
    expect(await stranger.json()).toMatchObject({ error: 'access_denied' });
  });

  it("gives operators' rights only to an operator with MFA set up, as the stack's trigger does", async () => {
    const tokenOf = async (person: string) => ((await (await exchange(await codeFor(person))).json()) as { access_token: string }).access_token;
    const onboard = (token: string, smartMeterId: string) =>
      fetch(`${server.base}/admin/meters`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ smartMeterId, pricePlanId: 'price-plan-1' }) });
    expect((await onboard(await tokenOf('demo-operator'), 'mfa-onboarded')).status).toBe(201);
    const withoutMfa = await onboard(await tokenOf('operator-without-mfa'), 'never-onboarded');
    expect(withoutMfa.status).toBe(403);
    expect(await withoutMfa.json()).toEqual({ message: 'a customer may not call this endpoint' });
  });

  it('gives a machine client a token for its scopes (client-credentials grant) and refuses a wrong secret or scope', async () => {
    const secret = server.auth!.machineClientSecret;
    const basic = (id: string, key: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${key}`).toString('base64')}` });
    const grant = (headers: Record<string, string>, scope?: string) =>
      fetch(`${server.base}/local-issuer/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope !== undefined && { scope }) }),
      });
    const answer = await grant(basic(LOCAL_MACHINE_CLIENT_ID, secret), 'joi-energy/prices.publish');
    expect(answer.status).toBe(200);
    const { access_token: token } = (await answer.json()) as { access_token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: LOCAL_MACHINE_CLIENT_ID, client_id: LOCAL_MACHINE_CLIENT_ID, token_use: 'access', scope: 'joi-energy/prices.publish' });
    expect(claims.username).toBeUndefined();
    const as = (path: string) => fetch(server.base + path, { headers: { authorization: `Bearer ${token}` } });
    expect((await as('/price-plans')).status).toBe(200);
    expect((await as('/accounts')).status).toBe(403); // meters.manage, which this token was not given
    expect((await grant(basic(LOCAL_MACHINE_CLIENT_ID, `${secret}x`))).status).toBe(401);
    expect((await grant(basic(LOCAL_CLIENT_ID, secret))).status).toBe(401);
    expect(await (await grant(basic(LOCAL_MACHINE_CLIENT_ID, secret), 'joi-energy/everything')).json()).toMatchObject({ error: 'invalid_scope' });
    const all = (await (await grant(basic(LOCAL_MACHINE_CLIENT_ID, secret))).json()) as { access_token: string };
    expect(JSON.parse(Buffer.from(all.access_token.split('.')[1]!, 'base64url').toString()).scope).toBe('joi-energy/prices.publish joi-energy/meters.manage joi-energy/readings.import');
  });

  it('signs out back to the app only', async () => {
    const back = await fetch(`${server.base}/local-issuer/logout?client_id=${LOCAL_CLIENT_ID}&logout_uri=${encodeURIComponent(app())}`, { redirect: 'manual' });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(app());
    const away = await fetch(`${server.base}/local-issuer/logout?client_id=${LOCAL_CLIENT_ID}&logout_uri=${encodeURIComponent('https://evil.example/')}`, { redirect: 'manual' });
    expect(away.status).toBe(400);
  });

  it('tells the app where to sign in; the open demo tells it there is nothing to sign in to', async () => {
    expect(await (await fetch(`${server.base}/config.json`)).json()).toEqual({
      mode: 'sign-in',
      authorizeUrl: '/local-issuer/authorize',
      tokenUrl: '/local-issuer/token',
      logoutUrl: '/local-issuer/logout',
      clientId: LOCAL_CLIENT_ID,
    });
    const open = await startLocalServer();
    try {
      expect(await (await fetch(`${open.base}/config.json`)).json()).toEqual({ mode: 'demo' });
      expect((await fetch(`${open.base}/local-issuer/authorize?${authorizeParams()}`)).status).toBe(404);
      const index = await fetch(`${open.base}/`);
      expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
      const script = /src="\/(assets\/app-[A-Z0-9]+\.js)"/.exec(await index.text())![1]!;
      const asset = await fetch(`${open.base}/${script}`);
      expect(asset.headers.get('content-type')).toContain('text/javascript');
      expect(asset.headers.get('cache-control')).toContain('immutable');
    } finally {
      await open.close();
    }
  });
});
