/**
 * Validates a threshold set document for import. The sentence a refusal carries names the
 * field that is wrong and what it must be, never what it holds: values, rule ids, names and
 * notes are classified, and error messages reach the UI, the CLI and the main-process log.
 */
import type { z } from 'zod';
import { firstIssueSentence, isMissing, typeName } from '../schema-sentence';
import { DeskError } from '../../common/errors';
import { ThresholdSetSchema, type ThresholdSet } from '../../common/thresholds/document';

const SUBJECT = 'The threshold set';

export function parseThresholdSet(input: unknown): ThresholdSet {
  const parsed = ThresholdSetSchema.safeParse(input);
  if (!parsed.success) {
    throw new DeskError(
      'THRESHOLD_SET_INVALID',
      `${contentFreeSentence(parsed.error, input)} Nothing was changed.`,
    );
  }
  return parsed.data;
}

/** One sentence about the first issue: where (a path of schema field names), and what rule. */
export function contentFreeSentence(error: z.ZodError, input: unknown): string {
  return firstIssueSentence(SUBJECT, error, input, describe);
}

function describe(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return isMissing(input, issue.path) ? 'is missing' : `must be ${typeName(issue.expected)}`;
    case 'invalid_value':
      // The allowed values come from the schema, not from the document.
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'too_small':
      return bound('at least', issue.origin, issue.minimum, issue.inclusive);
    case 'too_big':
      return bound('at most', issue.origin, issue.maximum, issue.inclusive);
    case 'unrecognized_keys':
      // The field names are the document's, so they are not repeated here.
      return `has ${issue.keys.length === 1 ? 'a field' : `${issue.keys.length} fields`} that the format does not define`;
    case 'invalid_union':
      // The only union is the designation rule, told apart by its kind.
      return issue.path.at(-1) === 'kind'
        ? 'must be "any", "all" or "atLeast"'
        : 'must be {"kind":"any"}, {"kind":"all"} or {"kind":"atLeast","k":<number>}';
    case 'invalid_format':
    case 'custom':
      // Messages written in document.ts, which never put a value in them.
      return issue.message;
    default:
      return 'is not valid';
  }
}

function bound(
  side: 'at least' | 'at most',
  origin: string,
  limit: number | bigint,
  inclusive: boolean | undefined,
): string {
  const n = Number(limit);
  switch (origin) {
    case 'string':
      return side === 'at least' && n === 1
        ? 'must not be empty'
        : `must be ${side} ${n} characters long`;
    case 'array':
      return `must have ${side} ${n} ${n === 1 ? 'entry' : 'entries'}`;
    default:
      if (inclusive === false) return `must be ${side === 'at least' ? 'more' : 'less'} than ${n}`;
      return `must be ${side} ${n}`;
  }
}
