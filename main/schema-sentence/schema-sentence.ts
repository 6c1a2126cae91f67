/**
 * Turns the first zod issue about hostile JSON into one sentence a person can act on,
 * e.g. `The public key file's keyid must be 64 lowercase hexadecimal digits.` Built-in
 * issue kinds get generic wording; refinements carry their own message.
 */
import type { z } from 'zod';

export type IssueDescriber = (issue: z.core.$ZodIssue, input: unknown) => string;

/**
 * `subject` and the path to the first issue, then what is wrong with it. `describe`
 * lets a caller whose input is secret word issues without repeating any of its content.
 */
export function firstIssueSentence(
  subject: string,
  error: z.ZodError,
  input: unknown,
  describe: IssueDescriber = describeIssue,
): string {
  return `${firstIssuePhrase(subject, error, input, describe)}.`;
}

/**
 * firstIssueSentence without its full stop, for a longer sentence: zod's own wording
 * ("expected string, received undefined") never reaches a person.
 */
export function firstIssuePhrase(
  subject: string,
  error: z.ZodError,
  input: unknown,
  describe: IssueDescriber = describeIssue,
): string {
  const issue = error.issues[0];
  if (issue === undefined) return `${subject} is not valid`;
  const where = issue.path.length === 0 ? subject : `${subject}'s ${formatPath(issue.path)}`;
  return `${where} ${describe(issue, input)}`;
}

/** What is wrong at the issue's path, in words: "is missing", "must be text", … */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return isMissing(input, issue.path) ? 'is missing' : `must be ${typeName(issue.expected)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'an unexpected field' : 'unexpected fields'} ${issue.keys
        .map((k) => JSON.stringify(k))
        .join(', ')}`;
    // A schema's own message is kept; zod's defaults ("Too small: expected …") are reworded.
    case 'too_small':
      return isDefault(issue, 'Too small')
        ? `must be ${bound('at least', issue.minimum, issue.inclusive, issue.origin)}`
        : issue.message;
    case 'too_big':
      return isDefault(issue, 'Too big')
        ? `must be ${bound('at most', issue.maximum, issue.inclusive, issue.origin)}`
        : issue.message;
    case 'invalid_union':
      return isDefault(issue, 'Invalid input')
        ? 'is not any of the forms it may take'
        : issue.message;
    default:
      // Refinements carry their own sentence; other kinds are rare enough to show as zod words.
      return issue.message;
  }
}

function isDefault(issue: z.core.$ZodIssue, opening: string): boolean {
  return issue.message.startsWith(opening);
}

/** "at least 1", "at most 200 characters", "more than 0". */
function bound(
  side: 'at least' | 'at most',
  limit: number | bigint,
  inclusive: boolean | undefined,
  origin: string,
): string {
  const value = String(limit);
  const unit =
    origin === 'string' ? ' characters' : origin === 'array' || origin === 'set' ? ' items' : '';
  if (inclusive === false) return `${side === 'at least' ? 'more' : 'less'} than ${value}${unit}`;
  return `${side} ${value}${unit}`;
}

export function typeName(expected: string): string {
  const names: Readonly<Record<string, string>> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    object: 'a JSON object',
    array: 'a list',
    boolean: 'true or false',
  };
  return names[expected] ?? `of type ${expected}`;
}

/** True when the object that should hold the last path segment lacks it (JSON has no undefined). */
export function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return input === undefined;
  let parent: unknown = input;
  for (const segment of path.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null) return false;
    parent = (parent as Record<PropertyKey, unknown>)[segment];
  }
  const last = path[path.length - 1] as PropertyKey;
  return (
    typeof parent === 'object' &&
    parent !== null &&
    (parent as Record<PropertyKey, unknown>)[last] === undefined
  );
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}
