/**
 * Structured logs: one JSON object per line. In Lambda the function's JSON log format adds the timestamp, level and
 * request id and filters by the level the stack sets; LOG_LEVEL filters the same way here (the local server and
 * tests). Nothing here ever receives a credential, a key or a request body.
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, off: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, 'off'>;

function threshold(): number {
  const configured = (process.env.LOG_LEVEL ?? 'info').toLowerCase();
  return LEVELS[configured as keyof typeof LEVELS] ?? LEVELS.info;
}

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (LEVELS[level] < threshold()) return;
  console[level]({ level: level.toUpperCase(), message, ...fields });
}

let coldStart = true;

/** The one line every request writes, whatever its outcome. */
export function logRequest(fields: { requestId: string; route: string; smartMeterId?: string; caller?: string; status: number; latencyMs: number }): void {
  log(fields.status >= 500 ? 'error' : 'info', 'request', { ...fields, coldStart });
  coldStart = false;
}
