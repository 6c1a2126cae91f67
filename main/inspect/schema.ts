/**
 * The parts of Inspect's log schema (`inspect log schema`, inspect-openapi.json) that the
 * reader uses, as zod schemas. Everything else in a log is ignored: objects are parsed in
 * zod's default strip mode, so events, metadata and the like are neither validated nor
 * copied. Fields Inspect has added over the years are optional, and `null` is accepted
 * wherever Inspect may write it (pydantic writes None as null; some writers write NaN as
 * null too).
 */
import { z } from 'zod';

/** Any JSON number, including the NaN and ±Infinity the lenient parser produces. */
const Float = z.custom<number>((value) => typeof value === 'number', 'must be a number');
const Count = z.number().int().nonnegative();
const Params = record(z.unknown());

const Scalar = z.union([z.string(), Float, z.boolean()]);

/**
 * A run fact (the plan, limits, sandbox, stats, the run's error): shown to reviewers,
 * never needed to read the samples or check the metrics. One of an unexpected shape is
 * read as absent rather than refusing a log that Inspect itself would read, since
 * pydantic's lax mode accepts more than these schemas spell out (e.g. "50" for an int).
 */
function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An object of `value`s under any keys. z.record drops a key named __proto__ without a word,
 * which would silently change a log's scores or attachments, so such a key refuses the log.
 */
function record<T extends z.ZodType>(value: T) {
  return z
    .unknown()
    .superRefine((input, ctx) => {
      if (isJsonObject(input) && Object.hasOwn(input as object, '__proto__'))
        ctx.addIssue({
          code: 'custom',
          message: 'has a key named "__proto__", which cannot be read faithfully',
        });
    })
    .pipe(z.record(z.string(), value));
}

function fact<T extends z.ZodType>(schema: T) {
  return schema.nullish().catch(null);
}

/** Inspect's `Value`: a scalar, a list of scalars or a dict of scalars (null counts as NaN). */
export const ScoreValueSchema = z.union([
  Scalar,
  z.null(),
  z.array(Scalar.nullable()),
  record(Scalar.nullable()),
]);
export type ScoreValue = z.infer<typeof ScoreValueSchema>;

const EvalMetricSchema = z.object({
  name: z.string(),
  value: Float.nullable(),
  // Current logs write `params`; logs from 2024 wrote `options`.
  params: Params.nullish(),
  options: Params.nullish(),
});

export const EvalScoreSchema = z.object({
  name: z.string(),
  scorer: z.string(),
  reducer: z.string().nullish(),
  scored_samples: Count.nullish(),
  unscored_samples: Count.nullish(),
  metrics: record(EvalMetricSchema),
});
export type EvalScore = z.infer<typeof EvalScoreSchema>;

/**
 * SandboxEnvironmentSpec (inspect_ai/util/_sandbox/environment.py): `{type, config}`, where
 * config is a file name, a provider's config object or absent. Logs written while it was a
 * NamedTuple hold `[type, config]`, which Inspect's reader migrates (migrate_values in
 * inspect_ai/log/_log.py).
 */
const SandboxSchema = z.union([
  z.object({ type: z.string(), config: z.unknown().optional() }),
  z.tuple([z.string(), z.unknown()]).transform(([type, config]) => ({ type, config })),
]);
export type Sandbox = z.infer<typeof SandboxSchema>;

const EvalSpecSchema = z.object({
  task: z.string(),
  task_version: z.union([z.string(), Float]).nullish(),
  task_id: z.string().nullish(),
  run_id: z.string().nullish(),
  created: z.string().nullish(),
  model: z.string(),
  dataset: z
    .object({
      name: z.string().nullish(),
      samples: Count.nullish(),
    })
    .nullish(),
  /** The solver the run was given (`--solver`); null when the task's own was used. */
  solver: fact(z.string()),
  sandbox: fact(SandboxSchema),
  config: z
    .object({
      epochs: Count.nullish(),
      epochs_reducer: z.array(z.string()).nullish(),
      score_on_error: z.boolean().nullish(),
      // Per-sample limits (EvalConfig in inspect_ai/log/_log.py). max_messages is the
      // deprecated name of message_limit, which Inspect's reader migrates.
      message_limit: fact(Float),
      max_messages: fact(Float),
      token_limit: fact(Float),
      time_limit: fact(Float),
      working_limit: fact(Float),
      cost_limit: fact(Float),
    })
    .nullish(),
});
export type EvalSpec = z.infer<typeof EvalSpecSchema>;

/** EvalPlan: the solvers in order (Inspect appends the finish step to `steps` too). */
const EvalPlanSchema = z.object({
  steps: z.array(z.object({ solver: z.string() })),
});

/** Token usage of one model (ModelUsage in inspect_ai/model/_model_output.py). */
const ModelUsageSchema = z.object({
  input_tokens: Float.nullish(),
  output_tokens: Float.nullish(),
  total_tokens: Float.nullish(),
  reasoning_tokens: fact(Float),
  input_tokens_cache_read: fact(Float),
  input_tokens_cache_write: fact(Float),
});
export type ModelUsage = z.infer<typeof ModelUsageSchema>;

/** EvalStats: `started_at` and `completed_at` are "" when the run stopped before setting them. */
const EvalStatsSchema = z.object({
  started_at: fact(z.string()),
  completed_at: fact(z.string()),
  model_usage: fact(record(ModelUsageSchema)),
});

/** EvalError (inspect_ai/_util/error.py): `traceback` is plain, `traceback_ansi` coloured. */
const EvalErrorSchema = z.object({
  message: z.string(),
  traceback: z.string().nullish(),
});

const EvalResultsSchema = z.object({
  total_samples: Count,
  completed_samples: Count,
  scores: z.array(EvalScoreSchema).nullish(),
});

export const EVAL_STATUSES = ['started', 'success', 'cancelled', 'error'] as const;

/** `header.json` of an `.eval` log, and the top level of a `.json` log. */
export const EvalHeaderSchema = z.object({
  version: Count.nullish(),
  // A log without a status is one Inspect never finished (it writes "started" then).
  status: z.enum(EVAL_STATUSES).default('started'),
  eval: EvalSpecSchema,
  plan: fact(EvalPlanSchema),
  results: EvalResultsSchema.nullish(),
  stats: fact(EvalStatsSchema),
  /** Why the run stopped, when its status is "error". */
  error: fact(EvalErrorSchema),
});
export type EvalHeader = z.infer<typeof EvalHeaderSchema>;

/** `_journal/start.json`: what Inspect wrote when the run began. */
export const LogStartSchema = z.object({
  version: Count.nullish(),
  eval: EvalSpecSchema,
  plan: fact(EvalPlanSchema),
});

/** A legacy `.json` log: the header fields plus the samples, validated one by one later. */
export const JsonLogSchema = EvalHeaderSchema.extend({
  samples: z.array(z.unknown()).nullish(),
});

const ContentPartSchema = z.object({
  type: z.string(),
  text: z.string().nullish(),
  reasoning: z.string().nullish(),
  summary: z.string().nullish(),
  redacted: z.boolean().nullish(),
  // tool_use parts (server-side tools such as web search)
  name: z.string().nullish(),
  arguments: z.unknown().optional(),
  result: z.unknown().optional(),
  filename: z.string().nullish(),
});
export type ContentPart = z.infer<typeof ContentPartSchema>;

const ToolCallSchema = z.object({
  function: z.string(),
  arguments: z.unknown().optional(),
});

export const ChatMessageSchema = z.object({
  role: z.string(),
  content: z.union([z.string(), z.array(ContentPartSchema)]),
  tool_calls: z.array(ToolCallSchema).nullish(),
  /** For tool messages: the tool that answered. */
  function: z.string().nullish(),
  error: z.object({ message: z.string() }).nullish(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

const SampleScoreSchema = z.object({
  value: ScoreValueSchema,
  answer: z.string().nullish(),
  explanation: z.string().nullish(),
});

export const EvalSampleSchema = z.object({
  id: z.union([z.string(), z.number().int()]),
  epoch: Count,
  input: z.union([z.string(), z.array(ChatMessageSchema)]),
  target: z.union([z.string(), z.array(z.string())]).nullish(),
  messages: z.array(ChatMessageSchema).nullish(),
  scores: record(SampleScoreSchema).nullish(),
  model_usage: record(ModelUsageSchema).nullish(),
  total_time: Float.nullish(),
  working_time: Float.nullish(),
  error: z.object({ message: z.string() }).nullish(),
  /** The errors of earlier attempts that Inspect retried (only how many is kept). */
  error_retries: z.array(z.unknown()).nullish(),
  /**
   * Set when someone invalidated the sample after the run (Inspect's ProvenanceData:
   * timestamp, author, reason). Any value but null invalidates it, even a malformed one.
   */
  invalidation: z.unknown().optional(),
  // Inspect's types are context, time, working, message, token, cost, operator and custom
  // (EvalSampleLimitType); any other string is kept as written.
  limit: z.object({ type: z.string(), limit: Float.nullish() }).nullish(),
  /** The sample's own sandbox, when its dataset gave it one (overriding the task's). */
  sandbox: fact(SandboxSchema),
  // Dataset metadata (category, competition, difficulty, …): any JSON; only scalars are kept.
  // Not z.record, which drops a key named __proto__ without a word; the object is kept as parsed.
  metadata: fact(z.custom<Readonly<Record<string, unknown>>>(isJsonObject)),
  attachments: record(z.string()).nullish(),
});
export type EvalSample = z.infer<typeof EvalSampleSchema>;
