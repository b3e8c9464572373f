import { createHash, randomBytes } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { tokenGroups } from '../shared/auth/operator-mfa.js';
import { DEMO_ACCOUNTS } from '../shared/domain/accounts.js';
import { MACHINE_SCOPES, RESOURCE_SERVER } from '../shared/domain/authorization.js';
import { machineScopesOf, OPERATORS_GROUP } from '../shared/http/caller.js';
import { DEMO_OPERATOR_SUB } from '../demo/demo-credentials.js';
import { LOCAL_CLIENT_ID, type LocalAuth } from './local-auth.js';

/** How long a signed-in session lasts locally: as long as the stack's access tokens (one hour). */
export const LOCAL_SESSION_SECONDS = 3600;
/** An authorization code is good once, for five minutes (Cognito's is also short-lived and single-use). */
const CODE_SECONDS = 300;
/** Codes waiting to be exchanged, at most: a flood of sign-ins drops the oldest instead of growing memory. */
const MAX_PENDING_CODES = 1000;

interface PendingCode {
  sub: string;
  challenge: string;
  redirectUri: string;
  expires: number;
}

type Result = APIGatewayProxyStructuredResultV2;

/** Who may sign in locally: the demo customers, and operators with and without MFA (the stack's rule applies). */
interface LocalPerson {
  sub: string;
  label: string;
  detail: string;
  groups: readonly string[];
  mfa: boolean;
}
const LOCAL_PEOPLE: readonly LocalPerson[] = [
  // One person per demo customer, with all their meters (the solar household has two).
  ...[...new Set(DEMO_ACCOUNTS.map((account) => account.customerId!))].map((sub) => {
    const name = sub.replace('demo-customer-', '');
    const meters = DEMO_ACCOUNTS.filter((account) => account.customerId === sub).map((account) => account.smartMeterId);
    return { sub, label: `${name[0]!.toUpperCase()}${name.slice(1)}`, detail: meters.join(', '), groups: [], mfa: false };
  }),
  { sub: DEMO_OPERATOR_SUB, label: 'the operator', detail: 'MFA set up: operator rights', groups: [OPERATORS_GROUP], mfa: true },
  { sub: 'operator-without-mfa', label: 'an operator without MFA', detail: 'in the group, no MFA: customer rights only', groups: [OPERATORS_GROUP], mfa: false },
];

const oauthError = (error: string, description: string): Result => ({
  statusCode: 400,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify({ error, error_description: description }),
});

const tokenAnswer = (accessToken: string): Result => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify({ access_token: accessToken, token_type: 'Bearer', expires_in: LOCAL_SESSION_SECONDS }),
});

const redirect = (location: string): Result => ({ statusCode: 302, headers: { location, 'cache-control': 'no-store' }, body: '' });

/** Only the local app may receive codes: an http URL on this machine's loopback, at the app's root. */
function allowedRedirect(value: string | null): URL | undefined {
  try {
    const url = new URL(value ?? '');
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(url.hostname) && url.pathname === '/' ? url : undefined;
  } catch {
    return undefined;
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The local issuer's sign-in, standing in for Cognito's managed login with AUTH=on: the authorization-code flow with
 * PKCE (S256) at `<issuer>/authorize`, `<issuer>/token` and `<issuer>/logout`, the same parameters Cognito takes, so
 * the web app runs the very code it runs in AWS. Its page lists the demo customers instead of asking for a password.
 */
export class LocalSignIn {
  private readonly codes = new Map<string, PendingCode>();

  constructor(private readonly auth: LocalAuth) {}

  /** Answers a request under the issuer's path, or undefined when it is not one of the sign-in endpoints. */
  async handle(method: string, endpoint: string, query: URLSearchParams, body: () => Promise<string>, authorization?: string): Promise<Result | undefined> {
    if (endpoint === '/authorize' && method === 'GET') return this.authorizePage(query);
    if (endpoint === '/authorize' && method === 'POST') return this.signIn(new URLSearchParams(await body()));
    if (endpoint === '/token' && method === 'POST') return this.token(new URLSearchParams(await body()), authorization);
    if (endpoint === '/logout' && method === 'GET') {
      const to = allowedRedirect(query.get('logout_uri'));
      return to && query.get('client_id') === LOCAL_CLIENT_ID ? redirect(to.href) : oauthError('invalid_request', 'unknown client_id or logout_uri');
    }
    return undefined;
  }

  /** The checks Cognito makes before showing its login page; a failure is a 400, never a redirect elsewhere. */
  private checkRequest(params: URLSearchParams): string | undefined {
    if (params.get('client_id') !== LOCAL_CLIENT_ID) return 'unknown client_id';
    if (params.get('response_type') !== 'code') return 'response_type must be code';
    if (!allowedRedirect(params.get('redirect_uri'))) return 'redirect_uri must be the local app (http://127.0.0.1:PORT/ or http://localhost:PORT/)';
    if (params.get('code_challenge_method') !== 'S256' || !/^[\w-]{43}$/.test(params.get('code_challenge') ?? '')) return 'PKCE is required: code_challenge (S256)';
    return undefined;
  }

  private authorizePage(query: URLSearchParams): Result {
    const problem = this.checkRequest(query);
    if (problem) return oauthError('invalid_request', problem);
    const hidden = ['client_id', 'response_type', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope']
      .filter((name) => query.has(name))
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query.get(name)!)}">`)
      .join('');
    const buttons = LOCAL_PEOPLE.map(
      (person) => `<li><button type="submit" name="customer" value="${escapeHtml(person.sub)}">Sign in as ${escapeHtml(person.label)} <small>(${escapeHtml(person.detail)})</small></button></li>`,
    ).join('');
    return {
      statusCode: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" },
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in — JOI Energy (local)</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}ul{list-style:none;padding:0}
button{width:100%;margin:.3rem 0;padding:.8rem;font:inherit;text-align:left;border:1px solid #555;border-radius:.4rem;background:#fff;cursor:pointer}
button:hover,button:focus{background:#e8f0fe;outline:3px solid #1a56db}small{color:#444}</style></head>
<body><main><h1>Sign in to JOI Energy</h1>
<p>This is the <strong>local issuer</strong> of <code>AUTH=on npm start</code>: it stands in for the deployed sign-in page and lets you pick a demo customer or operator instead of typing a password.</p>
<form method="post" action="authorize">${hidden}<ul>${buttons}</ul></form></main></body></html>`,
    };
  }

  private signIn(form: URLSearchParams): Result {
    const problem = this.checkRequest(form);
    if (problem) return oauthError('invalid_request', problem);
    const sub = form.get('customer');
    if (!LOCAL_PEOPLE.some((person) => person.sub === sub)) return oauthError('access_denied', 'not a demo customer or operator');
    const code = randomBytes(24).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    for (const [key, pending] of this.codes) if (pending.expires < now || this.codes.size >= MAX_PENDING_CODES) this.codes.delete(key);
    this.codes.set(code, { sub: sub!, challenge: form.get('code_challenge')!, redirectUri: form.get('redirect_uri')!, expires: now + CODE_SECONDS });
    const back = new URL(form.get('redirect_uri')!);
    back.searchParams.set('code', code);
    if (form.has('state')) back.searchParams.set('state', form.get('state')!);
    return redirect(back.href);
  }

  private async token(form: URLSearchParams, authorization?: string): Promise<Result> {
    if (form.get('grant_type') === 'client_credentials') return this.machineToken(form, authorization);
    if (form.get('grant_type') !== 'authorization_code') return oauthError('unsupported_grant_type', 'only authorization_code and client_credentials');
    if (form.get('client_id') !== LOCAL_CLIENT_ID) return oauthError('invalid_client', 'unknown client_id');
    const code = form.get('code') ?? '';
    const pending = this.codes.get(code);
    this.codes.delete(code); // single use, whatever happens next
    if (!pending || pending.expires < Math.floor(Date.now() / 1000)) return oauthError('invalid_grant', 'unknown, used or expired code');
    if (pending.redirectUri !== form.get('redirect_uri')) return oauthError('invalid_grant', 'redirect_uri differs from the authorization request');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) return oauthError('invalid_grant', 'code_verifier does not match');
    // What the stack's pre-token-generation trigger does: the operators group only with MFA set up.
    const person = LOCAL_PEOPLE.find((p) => p.sub === pending.sub)!;
    const operator = tokenGroups(person.groups, person.mfa).includes(OPERATORS_GROUP);
    return tokenAnswer(await this.auth.issueAccessToken(pending.sub, { ttlSeconds: LOCAL_SESSION_SECONDS, operator }));
  }

  /**
   * The client-credentials grant, as Cognito's token endpoint takes it: the client authenticates with HTTP Basic (or
   * client_id and client_secret in the form) and may ask for some of its scopes (`scope`), else gets all of them.
   */
  private async machineToken(form: URLSearchParams, authorization?: string): Promise<Result> {
    const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const [clientId, secret] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [form.get('client_id'), form.get('client_secret')];
    if (!clientId || !secret || !this.auth.isMachineClient(clientId, secret)) return { ...oauthError('invalid_client', 'unknown client or wrong secret'), statusCode: 401 };
    const asked = form.get('scope');
    const scopes = asked === null ? [...MACHINE_SCOPES] : machineScopesOf(asked);
    if (asked !== null && (scopes.length === 0 || scopes.length !== asked.split(/\s+/).filter(Boolean).length)) return oauthError('invalid_scope', `scopes are ${MACHINE_SCOPES.map((s) => `${RESOURCE_SERVER}/${s}`).join(', ')}`);
    return tokenAnswer(await this.auth.issueMachineToken(scopes, LOCAL_SESSION_SECONDS));
  }
}
