import * as z from 'zod/mini';
import { ValidationError } from './errors.js';

type Issue = z.core.$ZodIssue;

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be an integer';
      return issue.input === undefined ? 'is required' : `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'array') return `must hold at least ${issue.minimum} item(s)`;
      if (issue.origin === 'string') return `must be at least ${issue.minimum} character(s) long`;
      return issue.inclusive ? `must be >= ${issue.minimum}` : `must be > ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `must hold at most ${issue.maximum} item(s)`;
      if (issue.origin === 'string') return `must be at most ${issue.maximum} character(s) long`;
      return issue.inclusive ? `must be <= ${issue.maximum}` : `must be < ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.message && issue.message !== 'Invalid input' ? issue.message : `has an invalid format`;
    default:
      return issue.message;
  }
}

function pathOf(issue: Issue, root: string): string {
  return issue.path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    root,
  ) || 'body';
}

/** Parse input with a schema; bad input becomes a ValidationError naming the offending field. */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, input: unknown, root = ''): z.infer<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const first = result.error.issues.slice(0, 3).map((issue) => `${pathOf(issue, root)} ${describe(issue)}`);
  const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
  throw new ValidationError(first.join('; ') + more);
}
