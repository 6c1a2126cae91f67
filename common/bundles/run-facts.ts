/**
 * How an Inspect run went, as the desk stores it for each log (eval_log.run_facts) and
 * shows it: the plan, limits, sandboxes, token usage, times, the run's error, sample counts
 * and, for a run that did not finish, partial results. main/inspect reads these from the
 * log (docs/formats.md, "What is extracted"); a stored row is parsed with this schema, so a
 * damaged one is refused, not shown.
 */
import { z } from 'zod';

const Count = z.number().int().nonnegative();
const Amount = z.number().nonnegative().nullable();

const SandboxSchema = z.strictObject({ type: z.string(), configFile: z.string().nullable() });

export const RunFactsSchema = z.strictObject({
  /** The solver (`--solver`) or the plan's steps, in order. */
  solvers: z.array(z.string()).readonly(),
  limits: z.strictObject({
    message: Amount,
    token: Amount,
    time: Amount,
    working: Amount,
    cost: Amount,
  }),
  epochs: Count.nullable(),
  sandbox: SandboxSchema.nullable(),
  /** Sandboxes samples gave themselves, overriding the task's. */
  sampleSandboxes: z.array(SandboxSchema).readonly(),
  modelUsage: z
    .array(
      z.strictObject({
        model: z.string(),
        inputTokens: z.number().nonnegative(),
        outputTokens: z.number().nonnegative(),
        totalTokens: z.number().nonnegative(),
        reasoningTokens: Amount,
        inputTokensCacheRead: Amount,
        inputTokensCacheWrite: Amount,
      }),
    )
    .readonly(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  durationSeconds: z.number().nonnegative().nullable(),
  error: z.strictObject({ message: z.string(), traceback: z.string().nullable() }).nullable(),
  samples: z.strictObject({
    total: Count,
    completed: Count,
    errored: Count,
    /** Per limit type: how many samples hit it, and at which values. */
    limitsHit: z
      .array(
        z.strictObject({
          type: z.string(),
          samples: Count,
          values: z.array(z.number()).readonly(),
        }),
      )
      .readonly(),
  }),
  /** For a run that did not finish: each scorer's mean over the samples present. */
  partialMetrics: z
    .array(
      z.strictObject({
        scorer: z.string(),
        reducer: z.string(),
        mean: z.number().nullable(),
        n: Count,
        note: z.string().nullable(),
      }),
    )
    .readonly(),
});
export type RunFacts = z.infer<typeof RunFactsSchema>;
