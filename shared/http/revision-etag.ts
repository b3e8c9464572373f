import { ValidationError } from '../errors.js';

/**
 * A stored document's revision as an HTTP entity tag: GET answers it as `ETag`, and a change sends it back as
 * `If-Match`, so a change made to what another operator has changed since is refused (409), never lost.
 */
export const etagOf = (revision: number): string => `"${revision}"`;

/**
 * The revision an `If-Match` header names: a number, `*` (whatever is stored: a deliberate overwrite), or undefined
 * when there is no header. Anything else is a 400.
 */
export function ifMatchRevision(headers: Record<string, string | undefined> | undefined): number | '*' | undefined {
  const value = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'if-match')?.[1]?.trim();
  if (value === undefined || value === '') return undefined;
  if (value === '*') return '*';
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(value);
  if (!match) throw new ValidationError(`If-Match must be the ETag GET answered (like "3"), or *; not ${value.slice(0, 40)}`);
  return Number(match[1]);
}
