import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AppConfig } from '../web/src/app-config.js';

/** Where `npm run ops -- login` listens for the sign-in's answer: a loopback redirect (RFC 8252), registered in the stack. */
export const OPS_CLI_PORT = 8976;
export const OPS_CLI_REDIRECT = `http://localhost:${OPS_CLI_PORT}/`;
/** How long a person has to finish signing in before `login` gives up. */
const SIGN_IN_SECONDS = 300;

/** What `login` keeps for the other commands: the API it signed in to and the token (never printed). */
export interface OpsSession {
  api: string;
  accessToken: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/** The session file: `$JOI_OPS_HOME/session.json` (default ~/.config/joi-energy), readable by this user only. */
export const sessionFile = (home = process.env.JOI_OPS_HOME ?? join(homedir(), '.config', 'joi-energy')) => join(home, 'session.json');

export function saveSession(session: OpsSession, file = sessionFile()): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(session, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600); // also when it existed with wider rights
}

/** The saved session, if any and not expired. */
export function loadSession(file = sessionFile(), now = Date.now() / 1000): OpsSession | undefined {
  if (!existsSync(file)) return undefined;
  const session = JSON.parse(readFileSync(file, 'utf8')) as OpsSession;
  return session.expiresAt > now ? session : undefined;
}

export const forgetSession = (file = sessionFile()) => rmSync(file, { force: true });

/**
 * Signs a person in from a terminal: reads where to sign in from the web app's `/config.json` (the same API serves
 * it), runs the authorization-code flow with PKCE (S256) through the browser and a one-shot loopback listener, and
 * exchanges the code for an access token. `openBrowser` is handed the sign-in URL (the CLI prints it and tries the
 * system's opener; tests drive the sign-in page themselves).
 */
export async function login(api: string, openBrowser: (url: string) => Promise<void> | void, port = OPS_CLI_PORT): Promise<OpsSession> {
  const config = (await (await fetch(new URL('/config.json', api))).json()) as AppConfig;
  if (config.mode !== 'sign-in') throw new Error(`${api} is the open demo (plain npm start): it needs no sign-in; start it with AUTH=on, or pass the deployed URL`);
  const clientId = config.opsClientId ?? config.clientId;
  const redirectUri = `http://localhost:${port}/`;
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(config.authorizeUrl, api);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    // In AWS the ops client may also manage its own user (`mfa-setup` enrols an authenticator app with this token).
    scope: config.opsClientId ? 'openid email profile aws.cognito.signin.user.admin' : (config.scope ?? 'openid email profile'),
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const code = await new Promise<string>((resolve, reject) => {
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', redirectUri);
      const given = url.searchParams.get('code');
      const problem = url.searchParams.get('error_description') ?? url.searchParams.get('error');
      const ok = given !== null && url.searchParams.get('state') === state;
      response.writeHead(ok ? 200 : 400, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(ok ? 'Signed in to JOI Energy: you can close this tab and go back to the terminal.' : `Sign-in failed: ${problem ?? 'unexpected answer'}`);
      if (url.pathname !== '/' || (!given && !problem)) return; // a favicon or a stray request: keep waiting
      clearTimeout(timer);
      server.close();
      if (ok) resolve(given);
      else reject(new Error(`sign-in failed: ${problem ?? 'the answer did not match this login (state)'}`));
    });
    const timer = setTimeout(() => {
      server.close();
      reject(new Error(`no sign-in within ${SIGN_IN_SECONDS} s`));
    }, SIGN_IN_SECONDS * 1000);
    server.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot listen on ${redirectUri} for the sign-in's answer: ${error.message}`));
    });
    server.listen(port, 'localhost', () => void Promise.resolve(openBrowser(authorize.href)).catch(reject));
  });

  const response = await fetch(new URL(config.tokenUrl, api), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: redirectUri, code_verifier: verifier }),
  });
  const answer = (await response.json()) as { access_token?: string; expires_in?: number; error_description?: string };
  if (!response.ok || !answer.access_token) throw new Error(`the token endpoint refused the code: ${answer.error_description ?? response.status}`);
  return { api, accessToken: answer.access_token, expiresAt: Math.floor(Date.now() / 1000) + (answer.expires_in ?? 3600) };
}
