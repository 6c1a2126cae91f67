/**
 * Validates a task reference document for import: one sentence naming the field that is
 * wrong (a path of schema field names) and what it must be, never what it holds.
 */
import type { z } from 'zod';
import { DeskError } from '../../common/errors';
import { TaskReferenceSchema, type TaskReference } from '../../common/tasks';
import { describeIssue, firstIssueSentence } from '../schema-sentence';

export function parseTaskReference(input: unknown): TaskReference {
  const parsed = TaskReferenceSchema.safeParse(input);
  if (!parsed.success) {
    throw new DeskError(
      'TASK_REFERENCE_INVALID',
      `${firstIssueSentence('The task reference', parsed.error, input, describe)} Nothing was changed.`,
    );
  }
  return parsed.data;
}

function describe(issue: z.core.$ZodIssue, input: unknown): string {
  // The generic wording quotes the unknown field names, which are the document's text.
  if (issue.code === 'unrecognized_keys')
    return `has ${issue.keys.length === 1 ? 'a field' : `${issue.keys.length} fields`} that the format does not define`;
  return describeIssue(issue, input);
}
