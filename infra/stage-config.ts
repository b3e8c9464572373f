import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { parseOrThrow } from '../shared/validation.js';

/** A stage's name: part of every physical name and of the stack's id, so two stages in one account never collide. */
export const StageNameSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,15}$/, 'must be 1–16 lowercase letters, digits or -, starting with a letter'));

/**
 * What a stage is deployed with, committed in `infra/stages/<stage>.json` and validated at synth: a later
 * `cdk deploy -c stage=<name>` deploys exactly the same settings, never silently fewer.
 */
export const StageConfigSchema = v.strictObject({
  /** Subscribed by e-mail to the alarm topic. */
  alarmEmail: v.optional(v.pipe(v.string(), v.email('must be an e-mail address'))),
  /** Where the sign-in may return to besides the web app's own URL (e.g. a local `AUTH=on npm start`). */
  callbackUrls: v.optional(v.array(v.pipe(v.string(), v.url('must be a URL'))), []),
  /** The catalogue that seeds the price plans table when it is created (a path from the project's root). */
  pricePlansFile: v.optional(v.string()),
  /** The functions' application log level. */
  logLevel: v.optional(v.picklist(['DEBUG', 'INFO', 'WARN', 'ERROR']), 'INFO'),
  /** Steady requests per second across the API, and the burst above it. */
  throttle: v.optional(v.strictObject({ rateLimit: v.pipe(v.number(), v.minValue(1)), burstLimit: v.pipe(v.number(), v.integer(), v.minValue(1)) })),
});
export type StageConfig = v.InferOutput<typeof StageConfigSchema>;

/** The id of a stage's stack. */
export const stackIdOf = (stage: string) => `JoiEnergyApi-${stage}`;

/** Reads and checks `<dir>/<stage>.json`; a missing or invalid file stops synth naming the file and the field. */
export function loadStage(stage: string, dir = 'infra/stages'): StageConfig {
  if (!v.is(StageNameSchema, stage)) throw new Error(`-c stage=${stage}: must be 1–16 lowercase letters, digits or -, starting with a letter`);
  const file = join(dir, `${stage}.json`);
  if (!existsSync(file)) throw new Error(`${file} does not exist: create it (see infra/stages/dev.json) to deploy stage '${stage}'`);
  try {
    return parseOrThrow(StageConfigSchema, JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}
