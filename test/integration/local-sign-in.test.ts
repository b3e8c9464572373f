import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CLIENT_ID } from '../../local/local-auth.js';
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
    expect(html.match(/name="customer"/g)).toHaveLength(5);
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
