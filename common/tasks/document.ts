/**
 * The task reference (docs/formats.md, "Task reference (v1)"): per benchmark, each task's
 * human expert time in minutes, its family and where the time comes from. A later step
 * fits METR's time horizon over a model's samples with these times; tasks are matched to
 * samples by the Inspect sample id. Signed at import by an authority or a reviewer.
 */
import { z } from 'zod';
import { plainName, SlugSchema } from '../text';
import type { Role } from '../trust';

export const TASK_REFERENCE_TYPE = 'designation-desk/task-reference/v1';

/** Who may sign a task reference, and whose signature makes a stored one count. */
export const TASK_REFERENCE_SIGNER_ROLES = [
  'authority',
  'reviewer',
] as const satisfies readonly Role[];

/**
 * Where a human time comes from, in the words of the sources that publish them:
 * - `baseline`: experts' timed attempts at the task (METR's "human baselines");
 * - `first-solve`: the first solve time of the competition the task was taken from
 *   (Cybench's "first solve time", FST);
 * - `estimate`: an expert's estimate without a timed attempt (METR's "estimate");
 * - `survey`: times reported by solvers or experts afterwards;
 * - `other`: anything else, to be said in `sourceNote`.
 */
export const TIME_SOURCES = ['baseline', 'first-solve', 'estimate', 'survey', 'other'] as const;
export type TimeSource = (typeof TIME_SOURCES)[number];

/** 100,000 minutes is about ten weeks of work: anything longer is a mistake in units. */
export const MAX_TASK_MINUTES = 100_000;
export const MAX_TASKS_PER_BENCHMARK = 100_000;
export const MAX_BENCHMARKS = 1_000;

const Slug = SlugSchema;

/**
 * Text that is not a name (task ids, notes): any characters, but well-formed, since a lone
 * surrogate would not survive the database's UTF-8 and the stored rows would no longer be
 * the signed document's.
 */
function wellFormed(min: number, max: number): z.ZodString {
  const length = {
    message:
      min === 0 ? `must be at most ${max} characters` : `must be ${min} to ${max} characters`,
  };
  return z
    .string()
    .min(min, length)
    .max(max, length)
    .refine((text) => text.isWellFormed(), {
      message: 'must be well-formed Unicode text (no unpaired surrogates)',
    });
}

export const ReferenceTaskSchema = z.strictObject({
  /** The Inspect sample id, as text (an integer id in decimal, as the desk stores it). */
  taskId: wellFormed(1, 1000),
  /** The human expert time, in minutes. */
  minutes: z.number().gt(0).max(MAX_TASK_MINUTES),
  /** The task's family or category: the bootstrap's top level and the weighting's group. */
  family: plainName(1000),
  source: z.enum(TIME_SOURCES),
  /** Which competition, study or person, when the source alone does not say. */
  sourceNote: wellFormed(1, 1000).optional(),
});
export type ReferenceTask = z.infer<typeof ReferenceTaskSchema>;

export const ReferenceBenchmarkSchema = z.strictObject({
  /** The Inspect task name, as a log records it (`eval.task`). */
  benchmark: plainName(500),
  tasks: z
    .array(ReferenceTaskSchema)
    .min(1, 'must list at least one task')
    .max(MAX_TASKS_PER_BENCHMARK, `must list at most ${MAX_TASKS_PER_BENCHMARK} tasks`),
});
export type ReferenceBenchmark = z.infer<typeof ReferenceBenchmarkSchema>;

export const TaskReferenceSchema = z
  .strictObject({
    type: z.literal(TASK_REFERENCE_TYPE),
    id: Slug,
    version: z.number().int().min(1),
    name: plainName(500),
    notes: wellFormed(0, 10_000).default(''),
    benchmarks: z
      .array(ReferenceBenchmarkSchema)
      .min(1, 'must list at least one benchmark')
      .max(MAX_BENCHMARKS, `must list at most ${MAX_BENCHMARKS} benchmarks`),
  })
  // Messages name the problem, never a value: they reach the CLI, the UI and the log.
  .superRefine((reference, ctx) => {
    const benchmarks = new Set<string>();
    reference.benchmarks.forEach((entry, i) => {
      if (benchmarks.has(entry.benchmark))
        ctx.addIssue({
          code: 'custom',
          path: ['benchmarks', i, 'benchmark'],
          message: 'is listed earlier too; each benchmark must appear once',
        });
      benchmarks.add(entry.benchmark);
      const taskIds = new Set<string>();
      entry.tasks.forEach((task, j) => {
        if (taskIds.has(task.taskId))
          ctx.addIssue({
            code: 'custom',
            path: ['benchmarks', i, 'tasks', j, 'taskId'],
            message: 'is used by an earlier task of the benchmark too; task ids must be unique',
          });
        taskIds.add(task.taskId);
      });
    });
  });
export type TaskReference = z.infer<typeof TaskReferenceSchema>;
export type TaskReferenceInput = z.input<typeof TaskReferenceSchema>;
