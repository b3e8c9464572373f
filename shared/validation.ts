import * as v from 'valibot';
import { ValidationError } from './errors.js';

/** Any schema of ours: what a route entry declares and the OpenAPI document is made from. */
export type Schema = v.GenericSchema;

type Issue = v.BaseIssue<unknown>;

/** Valibot's own messages start so; a schema's own message (e.g. "must be epoch seconds") is kept as written. */
const DEFAULT_MESSAGE = /^Invalid /;
const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** One issue as the API says it: "<field> <what is wrong>". */
function describe(issue: Issue): string {
  if (!DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  const size = Array.isArray(issue.input) ? 'item(s)' : 'character(s)';
  switch (issue.type) {
    case 'integer':
      return 'must be an integer';
    case 'min_value':
      return `must be >= ${String(issue.requirement)}`;
    case 'max_value':
      return `must be <= ${String(issue.requirement)}`;
    case 'min_length':
      return Array.isArray(issue.input) ? `must hold at least ${String(issue.requirement)} ${size}` : `must be at least ${String(issue.requirement)} ${size} long`;
    case 'max_length':
      return Array.isArray(issue.input) ? `must hold at most ${String(issue.requirement)} ${size}` : `must be at most ${String(issue.requirement)} ${size} long`;
    case 'picklist':
    case 'literal':
      return `must be one of ${issue.expected?.replace(/^\(|\)$/g, '').split(' | ').join(', ')}`;
    case 'regex':
      return 'has an invalid format';
    case 'strict_object':
      // An unknown field: its path already names it.
      return 'is not a field of this request: remove it';
    default:
      if (issue.kind === 'schema') return issue.input === undefined ? 'is required' : `must be ${article(issue.type)} ${issue.type}`;
      return issue.message;
  }
}

/** Where an issue is, as the API names fields: `electricityReadings[3].reading`; the body itself when nowhere. */
function pathOf(issue: Issue): string {
  return (issue.path ?? []).reduce<string>((acc, item) => {
    const key = item.key as string | number;
    return typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key);
  }, '') || 'body';
}

/** Parse input with a schema; bad input becomes a ValidationError naming the offending field (the first three). */
export function parseOrThrow<S extends Schema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  // One message per field: a value that breaks two rules of one field is told the first (the most basic) only.
  const issues = result.issues.filter((issue, i) => result.issues.findIndex((other) => pathOf(other) === pathOf(issue)) === i);
  const first = issues.slice(0, 3).map((issue) => `${pathOf(issue)} ${describe(issue)}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  throw new ValidationError(first.join('; ') + more);
}
