import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Caller } from '../domain/authorization.js';
import { ValidationError } from '../errors.js';

/** Who a page was listed for: a cursor is good only for the same caller (a customer's own list is not another's). */
const callerKey = (caller: Caller): string =>
  caller.kind === 'customer' ? `customer:${caller.sub}` : caller.kind === 'machine' ? `machine:${caller.clientId}` : caller.kind;

const MAC_CHARS = 22; // 132 bits of HMAC-SHA256, base64url

/**
 * Page cursors that are opaque, tamper-evident and scoped: the store's own position (already opaque text) followed by
 * an HMAC of it and of the query it continues (route, caller, filters) under the deployment's CURSOR_SECRET. A cursor
 * that was edited, made up, or taken from another caller or query is a 400, before any storage is read.
 */
export function pageCursors(secret: string, route: string, caller: Caller, query: Record<string, string | number> = {}) {
  const scope = [route, callerKey(caller), ...Object.entries(query).sort().map(([k, v]) => `${k}=${v}`)].join('\n');
  const mac = (position: string) => createHmac('sha256', secret).update(`${scope}\n${position}`).digest('base64url').slice(0, MAC_CHARS);
  return {
    /** The cursor to answer for the store's next position (none on the last page). */
    seal: (position: string | undefined): string | undefined => (position === undefined ? undefined : `${position}.${mac(position)}`),
    /** The store's position a cursor continues from; undefined for the first page. */
    open(cursor: string | undefined): string | undefined {
      if (cursor === undefined) return undefined;
      const dot = cursor.lastIndexOf('.');
      const [position, given] = [cursor.slice(0, dot), Buffer.from(cursor.slice(dot + 1))];
      const expected = Buffer.from(dot > 0 ? mac(position) : '');
      if (dot <= 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new ValidationError('cursor is not one this API gave out for this list: start again without it');
      }
      return position;
    },
  };
}
