/**
 * Who is using the app. Signed in: the authorization-code flow with PKCE against the sign-in service the server's
 * config.json names (Cognito's managed login in AWS, the local issuer with AUTH=on); the access token lives in this
 * tab's sessionStorage only. Demo (plain `npm start`): no sign-in, the API is open and the user picks a meter.
 */
import type { AppConfig } from './app-config.js';

export type { AppConfig };

const TOKEN = 'joi.token';
const PENDING = 'joi.pending-sign-in';

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  return (await response.json()) as AppConfig;
}

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomText = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${location.origin}/`;

/** Leaves for the sign-in page; it comes back to `/?code=…&state=…`. */
export async function signIn(config: Extract<AppConfig, { mode: 'sign-in' }>): Promise<void> {
  const verifier = randomText();
  const state = randomText();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL(config.authorizeUrl, location.origin);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope ?? 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
}

/** On return from the sign-in page: trades the code for a token (once), then tidies the address bar. */
export async function completeSignIn(config: Extract<AppConfig, { mode: 'sign-in' }>): Promise<void> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return;
  history.replaceState(null, '', '/' + location.hash);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING);
  if (!pending || pending.state !== params.get('state')) throw new Error('the sign-in could not be completed (it was started in another tab or is stale): sign in again');
  const response = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: redirectUri(), code_verifier: pending.verifier }),
  });
  if (!response.ok) throw new Error('the sign-in service refused the sign-in: sign in again');
  const { access_token: token, expires_in: expiresIn } = (await response.json()) as { access_token: string; expires_in: number };
  sessionStorage.setItem(TOKEN, JSON.stringify({ token, expires: Date.now() + expiresIn * 1000 }));
}

/** The token of this tab's session, or why there is none. */
export function currentToken(): { token: string } | { expired: boolean } {
  const stored = JSON.parse(sessionStorage.getItem(TOKEN) ?? 'null') as { token: string; expires: number } | null;
  if (!stored) return { expired: false };
  if (stored.expires <= Date.now()) {
    sessionStorage.removeItem(TOKEN);
    return { expired: true };
  }
  return { token: stored.token };
}

/**
 * Whether this session's token carries the operators group: only to decide what the app offers. The API checks the
 * group on every admin call whatever the app shows. The open demo has no tokens and shows it to everyone.
 */
export function isOperator(config: AppConfig): boolean {
  if (config.mode === 'demo') return true;
  const session = currentToken();
  if (!('token' in session)) return false;
  try {
    const payload = session.token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload)) as { 'cognito:groups'?: unknown };
    const groups = claims['cognito:groups'];
    return Array.isArray(groups) && groups.includes('operators'); // OPERATORS_GROUP (the app takes only types from shared/)
  } catch {
    return false;
  }
}

export function forgetSession(): void {
  sessionStorage.removeItem(TOKEN);
}

/** Ends the session here and at the sign-in service, which sends the browser back to the app. */
export function signOut(config: AppConfig): void {
  forgetSession();
  sessionStorage.removeItem(DEMO_METER);
  if (config.mode === 'demo') {
    location.assign('/');
    return;
  }
  const url = new URL(config.logoutUrl, location.origin);
  url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: redirectUri() }).toString();
  location.assign(url.href);
}

const DEMO_METER = 'joi.demo-meter';
export const demoMeter = {
  get: () => sessionStorage.getItem(DEMO_METER) ?? undefined,
  set: (smartMeterId: string) => sessionStorage.setItem(DEMO_METER, smartMeterId),
  clear: () => sessionStorage.removeItem(DEMO_METER),
};
