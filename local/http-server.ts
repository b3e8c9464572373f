import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiGatewayEvent } from './api-event.js';
import { PayloadTooLargeError, ValidationError } from '../shared/errors.js';
import { errorResponse, jsonResponse, type ApiHandler } from '../shared/http/api-handler.js';
import { MAX_REQUEST_BODY_BYTES } from '../shared/http/limits.js';
import { openApiDocument } from '../shared/http/openapi.js';
import { authorizerOf } from '../shared/http/route-entry.js';
import { ROUTES, type ApiRoute } from '../functions/routes.js';
import { LOCAL_CLIENT_ID, type LocalAuth } from './local-auth.js';
import { LocalSignIn } from './local-sign-in.js';
import { buildWebApp, contentTypeOf } from '../web/build.js';
import { contentSecurityPolicy } from '../web/security-headers.js';
import type { AppConfig } from '../web/src/app-config.js';

/** A sign-in form or token request is a few hundred bytes; anything much larger is refused (413). */
const SIGN_IN_FORM_BYTES = 16 * 1024;

/** Where the local issuer lives on the local server (its keys at `<path>/.well-known/jwks.json`). */
export const LOCAL_ISSUER_PATH = '/local-issuer';

interface CompiledRoute {
  route: ApiRoute;
  pattern: RegExp;
  parameterNames: string[];
  handler: ApiHandler;
}

/**
 * API Gateway path syntax → a regular expression with one group per {parameter}; `orWithSlash`: the path also
 * matches with a trailing slash, as API Gateway routes it (the /v1/ read API's clients send both).
 */
export function compilePath(path: string, orWithSlash = false): { pattern: RegExp; parameterNames: string[] } {
  const parameterNames: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameterNames.push(match[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}${orWithSlash ? '/?' : ''}$`), parameterNames };
}

/**
 * Which of two paths wins when both match, as API Gateway decides: segment by segment, a literal beats a {parameter}
 * (`/price-plans/compare-all/{smartMeterId}` before `/price-plans/{pricePlanId}/prices`).
 */
export function byPrecedence(a: { path: string }, b: { path: string }): number {
  const [sa, sb] = [a.path.split('/'), b.path.split('/')];
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const [pa, pb] = [sa[i]!.startsWith('{'), sb[i]!.startsWith('{')];
    if (pa !== pb) return pa ? 1 : -1;
  }
  return 0;
}

/** Loads every route's handler from its folder in functions/, exactly as the stack bundles them; literals first. */
export async function loadRoutes(): Promise<CompiledRoute[]> {
  const compiled = await Promise.all(
    ROUTES.map(async (route) => {
      const module = (await import(`../functions/${route.folder}/handler.ts`)) as { handler: ApiHandler };
      return { route, ...compilePath(route.path, route.octopusCompatible), handler: module.handler };
    }),
  );
  return compiled.sort((a, b) => byPrecedence(a.route, b.route));
}

async function readBody(request: IncomingMessage, maxBytes = MAX_REQUEST_BODY_BYTES): Promise<string> {
  const tooLarge = () => new PayloadTooLargeError(`body is larger than ${maxBytes} bytes`);
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
    request.resume(); // drain, so the 413 reaches the client instead of a reset connection
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes) throw tooLarge();
  return Buffer.concat(chunks).toString('utf8');
}

/** A path parameter as API Gateway passes it: percent-decoded; bad encoding is the caller's mistake (400). */
function decodePathSegment(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ValidationError(`${name} is not valid percent-encoding`);
  }
}

/** The request target as a URL, or undefined when it is not one (e.g. `//[/`): answered 400, never a crash. */
function requestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/** The event API Gateway would send for this request. */
function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function toEvent(
  request: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  match: RegExpExecArray,
  body: string,
  headers: Record<string, string>,
  authorizer: Record<string, unknown>,
) {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  return apiGatewayEvent({
    method: route.route.method,
    path: url.pathname,
    routePath: route.route.path,
    pathParameters: Object.fromEntries(route.parameterNames.map((name, i) => [name, decodePathSegment(name, match[i + 1]!)])),
    query,
    rawQuery: url.search.slice(1),
    headers,
    body,
    sourceIp: request.socket.remoteAddress,
    authorizer,
  });
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2, withBody: boolean): void {
  response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  response.end(withBody ? (result.body ?? '') : undefined);
}

export interface LocalServerOptions {
  log?: (line: string) => void;
  /** AUTH=on: the local issuer and authorizers. Without it, the open demo contract: every caller is an operator. */
  auth?: LocalAuth;
  /** Where clients reach this server (`servers` of the OpenAPI document): from configuration, never a Host header. */
  publicUrl?: string;
  /** Sees every route's answer before it is sent and may replace it (the tests check answers against their schemas). */
  onAnswer?: (route: ApiRoute, result: APIGatewayProxyStructuredResultV2) => APIGatewayProxyStructuredResultV2;
}

/** Open demo mode: what the local server tells the handlers about every caller. */
const OPEN_MODE_CALLER = { lambda: { caller: 'operator', sub: 'open-demo-mode' } };

/** The web app, built once per process on its first request (esbuild, ~0.2 s), then served from memory. */
let webApp: Map<string, Uint8Array> | undefined;

/** The headers CloudFront's response headers policy sets in AWS (HSTS aside: this is plain http on loopback). */
const WEB_HEADERS = {
  'content-security-policy': contentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** The web app's files at `/` and `/assets/…`, or undefined for any other path. */
function webAppFile(pathname: string): APIGatewayProxyStructuredResultV2 | undefined {
  const path = pathname === '/' || pathname === '/index.html' ? 'index.html' : pathname.startsWith('/assets/') ? pathname.slice(1) : undefined;
  if (!path) return undefined;
  webApp ??= buildWebApp();
  const contents = webApp.get(path);
  if (!contents) return undefined;
  const caching = path === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable'; // assets are content-hashed
  return { statusCode: 200, headers: { 'content-type': contentTypeOf(path), 'cache-control': caching, ...WEB_HEADERS }, body: Buffer.from(contents).toString('utf8') };
}

/** What the app needs to know: the open demo, or where to sign in (the local issuer, as Cognito in AWS). */
function webAppConfig(auth: boolean): AppConfig {
  if (!auth) return { mode: 'demo' };
  return {
    mode: 'sign-in',
    authorizeUrl: `${LOCAL_ISSUER_PATH}/authorize`,
    tokenUrl: `${LOCAL_ISSUER_PATH}/token`,
    logoutUrl: `${LOCAL_ISSUER_PATH}/logout`,
    clientId: LOCAL_CLIENT_ID,
  };
}

/** The real handlers behind a plain Node HTTP server, routed by the shared route table. */
export async function createLocalServer(options: LocalServerOptions = {}): Promise<Server> {
  return createServer(await createRequestListener(options));
}

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** What the local server does with each request: the real handlers, routed by the route table, plus the docs. */
export async function createRequestListener(options: LocalServerOptions = {}): Promise<RequestListener> {
  const routes = await loadRoutes();
  const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const log = options.log ?? ((line: string) => console.log(line));
  const signIn = options.auth && new LocalSignIn(options.auth);

  const handle = async (request: IncomingMessage, url: URL): Promise<APIGatewayProxyStructuredResultV2> => {
    const method = request.method ?? 'GET';
    // The documents and the web app answer HEAD as GET (the body is dropped when sent); the API's routes do not, as in AWS.
    const reading = method === 'GET' || method === 'HEAD';
    if (reading && url.pathname === '/openapi.json') {
      return jsonResponse(200, openApiDocument(ROUTES, { serverUrl: options.publicUrl }));
    }
    if (reading && (url.pathname === '/docs' || url.pathname === '/docs/')) {
      return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: SWAGGER_PAGE };
    }
    if (reading && /^\/docs\/[\w.-]+\.(js|css)$/.test(url.pathname)) {
      const file = url.pathname.slice('/docs/'.length);
      const type = file.endsWith('.css') ? 'text/css' : 'text/javascript';
      try {
        return { statusCode: 200, headers: { 'content-type': type }, body: await readFile(join(swaggerDir, file), 'utf8') };
      } catch {
        return jsonResponse(404, { message: 'Not Found' });
      }
    }
    if (options.auth && method === 'GET' && url.pathname === `${LOCAL_ISSUER_PATH}/.well-known/jwks.json`) {
      return jsonResponse(200, options.auth.jwks());
    }
    if (signIn && url.pathname.startsWith(`${LOCAL_ISSUER_PATH}/`)) {
      const answer = await signIn.handle(method, url.pathname.slice(LOCAL_ISSUER_PATH.length), url.searchParams, () => readBody(request, SIGN_IN_FORM_BYTES), request.headers.authorization);
      if (answer) return answer;
    }
    if (reading && url.pathname === '/config.json') {
      return jsonResponse(200, webAppConfig(Boolean(options.auth)), { 'cache-control': 'no-store' });
    }
    if (reading) {
      const file = webAppFile(url.pathname);
      if (file) return file;
    }
    for (const route of routes) {
      if (route.route.method !== method) continue;
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      const headers = headersOf(request);
      let authorizer: Record<string, unknown> = OPEN_MODE_CALLER;
      const guard = authorizerOf(route.route);
      if (options.auth) {
        if (guard === 'none') authorizer = {}; // as API Gateway: no authorizer, no caller
        else {
          const authorization = await options.auth.authorize(guard, headers, `${route.route.method} ${route.route.path}`);
          if ('refused' in authorization) {
            request.resume();
            return authorization.refused;
          }
          authorizer = authorization.authorizer;
        }
      }
      const body = await readBody(request);
      const result = await route.handler(toEvent(request, url, route, match, body, headers, authorizer));
      return options.onAnswer ? options.onAnswer(route.route, result) : result;
    }
    return jsonResponse(404, { message: `Not Found: ${method} ${url.pathname}` });
  };

  return (request, response) => {
    const started = performance.now();
    const url = requestUrl(request.url);
    const answer = url
      ? handle(request, url).catch((error: unknown) => errorResponse(error))
      : Promise.resolve(jsonResponse(400, { message: 'the request target is not a valid URL path' }));
    void answer.then((result) => {
      request.resume(); // a body nobody read must not hold the connection
      send(response, result, request.method !== 'HEAD');
      log(`${request.method} ${url ? url.pathname + url.search : '(invalid target)'} ${result.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
    });
  };
}

const SWAGGER_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>JOI Energy API</title><link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });</script>
</body></html>`;
