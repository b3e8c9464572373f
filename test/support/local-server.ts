import type { AddressInfo } from 'node:net';
import { createLocalServer } from '../../local/http-server.js';

export interface RunningServer {
  base: string;
  /** The request log lines the server printed. */
  lines: string[];
  close(): Promise<void>;
}

/** The local server (the real handlers, routed by the route table) on a free loopback port, over this file's tables. */
export async function startLocalServer(): Promise<RunningServer> {
  const lines: string[] = [];
  const server = await createLocalServer({ log: (line) => lines.push(line) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lines,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A POST of a JSON body. */
export const postJson = (url: string, body: unknown, init: RequestInit = {}) =>
  fetch(url, { ...init, method: 'POST', headers: { 'content-type': 'application/json', ...init.headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
