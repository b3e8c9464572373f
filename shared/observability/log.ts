/**
 * Structured logs: one JSON object per line. In Lambda the function's JSON log format adds the timestamp, level and
 * request id and filters by the level the stack sets; LOG_LEVEL filters the same way here (the local server and
 * tests). Nothing here ever receives a credential, a key or a request body.
 */
import { config, type LogLevel } from '../config.js';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, off: 100 };
type Level = Exclude<LogLevel, 'off'>;

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (LEVELS[level] < LEVELS[config().logLevel]) return;
  console[level]({ level: level.toUpperCase(), message, ...fields });
}

let coldStart = true;

/** The one line every request writes, whatever its outcome. */
export function logRequest(fields: { requestId: string; route: string; smartMeterId?: string; caller?: string; status: number; latencyMs: number }): void {
  log(fields.status >= 500 ? 'error' : 'info', 'request', { ...fields, coldStart });
  coldStart = false;
}
