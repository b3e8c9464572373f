import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../local/dynamodb-local.js';
import { createLocalServer, createRequestListener, LOCAL_ISSUER_PATH } from '../../local/http-server.js';
import { LOCAL_CLIENT_IDS, LocalAuth } from '../../local/local-auth.js';
import { configure } from '../../shared/config.js';
import { checkAnswer } from './answers.js';

export interface RunningServer {
  base: string;
  /** The request log lines the server printed. */
  lines: string[];
  /** With AUTH=on: the local issuer. */
  auth?: LocalAuth;
  close(): Promise<void>;
}

/**
 * The local server (the real handlers, routed by the route table) on a free loopback port, over this file's tables:
 * the open demo contract, or with `auth`, what `AUTH=on npm start` enforces (the same listener and authorizers).
 * Every route's answer is checked against its schema: one of the wrong shape reaches the test as a 500.
 */
export async function startLocalServer(options: { auth?: boolean } = {}): Promise<RunningServer> {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  if (!options.auth) {
    const port = await freePort();
    const server = await createLocalServer({ log, onAnswer: checkAnswer, publicUrl: `http://127.0.0.1:${port}` });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return { base: `http://127.0.0.1:${port}`, lines, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const issuer = `${base}${LOCAL_ISSUER_PATH}`;
  configure({ accessTokens: { issuer, clientIds: LOCAL_CLIENT_IDS } });
  const { handler: meterKeyAuthorizer } = await import('../../functions/authorizer/handler.js');
  const auth = await LocalAuth.load(mkdtempSync(join(tmpdir(), 'joi-issuer-')), issuer, meterKeyAuthorizer);
  const server = createServer(await createRequestListener({ log, auth, onAnswer: checkAnswer, publicUrl: base }));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { base, lines, auth, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A POST of a JSON body. */
export const postJson = (url: string, body: unknown, init: RequestInit = {}) =>
  fetch(url, { ...init, method: 'POST', headers: { 'content-type': 'application/json', ...init.headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
