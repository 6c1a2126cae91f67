/**
 * What the reader gives back. These are output shapes built by the reader, not parsed
 * input (the input shapes are the zod schemas in schema.ts).
 */

export interface InspectLog {
  readonly format: 'eval' | 'json';
  /** Where the eval spec came from: header.json, the journal of an unfinished run, or the .json log. */
  readonly headerSource: 'header.json' | 'journal' | 'json';
  readonly task: string;
  readonly taskVersion: string | number | null;
  readonly taskId: string | null;
  readonly runId: string | null;
  readonly model: string;
  readonly dataset: { readonly name: string | null; readonly samples: number | null };
  /** success | error | cancelled | started ("started" for a run that never finished). */
  readonly status: string;
  readonly created: string | null;
  /** results.total_samples as Inspect recorded it: samples × epochs. */
  readonly totalSamples: number | null;
  readonly completedSamples: number | null;
  /** What Inspect claimed in results.scores. */
  readonly scorers: readonly ClaimedScore[];
  /** One per sample and epoch, ordered by id, then epoch. */
  readonly samples: readonly InspectSample[];
  /** Claimed against recomputed, one per claimed (scorer, metric). */
  readonly metrics: readonly MetricCheck[];
  /** How the run was set up and how it went: plan, limits, sandbox, usage, timing, error. */
  readonly run: InspectRun;
  /** What the samples present in the log add up to. */
  readonly sampleCounts: SampleCounts;
  /**
   * For a run that did not finish (status other than success) or has no results: each
   * scorer's mean over the samples present, so a reviewer sees how far it got. Partial by
   * definition, never checked against anything; empty for a finished run with results,
   * whose `metrics` are the checks.
   */
  readonly partialMetrics: readonly PartialMetric[];
}

export interface InspectRun {
  /**
   * The solver the run was given (eval.solver, one name), else the plan's steps in order
   * (the finish step last): e.g. ["system_message", "generate"]. Empty when neither is recorded.
   */
  readonly solvers: readonly string[];
  /** The per-sample limits the run set (eval.config), keyed by Inspect's limit type; null when unset. */
  readonly limits: RunLimits;
  /** eval.config.epochs, or null when not recorded (Inspect's default is 1). */
  readonly epochs: number | null;
  /** The task's sandbox (eval.sandbox), or null when it has none. */
  readonly sandbox: InspectSandbox | null;
  /** The distinct sandboxes samples declared for themselves (their dataset's), in order of first use. */
  readonly sampleSandboxes: readonly InspectSandbox[];
  /** Tokens per model over the run (stats.model_usage), in the order recorded. */
  readonly modelUsage: readonly ModelTokenUsage[];
  /** stats.started_at as recorded, or null when absent or empty. */
  readonly startedAt: string | null;
  /** stats.completed_at as recorded, or null when absent or empty. */
  readonly completedAt: string | null;
  /** Seconds from startedAt to completedAt when both parse as ISO 8601 times and are in order. */
  readonly durationSeconds: number | null;
  /** Why the run stopped (header.error), or null. */
  readonly error: RunError | null;
}

export interface RunLimits {
  readonly message: number | null;
  readonly token: number | null;
  /** Seconds of clock time. */
  readonly time: number | null;
  /** Seconds of working time (clock time less waiting). */
  readonly working: number | null;
  /** Dollars. */
  readonly cost: number | null;
}

export interface InspectSandbox {
  /** The provider, e.g. docker, k8s, local. */
  readonly type: string;
  /**
   * The config file as recorded (e.g. compose.yaml; Inspect writes it relative to where the
   * run started when it lies below it); null when there is none or the config is an object.
   */
  readonly configFile: string | null;
}

export interface ModelTokenUsage {
  readonly model: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
  /** Null where the provider reported none. */
  readonly reasoningTokens: number | null;
  readonly inputTokensCacheRead: number | null;
  readonly inputTokensCacheWrite: number | null;
}

export interface RunError {
  /** Capped at 16 Ki characters, with a closing line saying how much was cut. */
  readonly message: string;
  /** The plain traceback (not the ANSI-coloured one), capped at 64 Ki characters likewise; null when none. */
  readonly traceback: string | null;
}

export interface SampleCounts {
  /** Samples present in the log, one per sample and epoch. */
  readonly total: number;
  /** Samples that ended without an error (a sample stopped by a limit completed), as Inspect counts them. */
  readonly completed: number;
  /** Samples that ended in an error. */
  readonly errored: number;
  /** One entry per limit type that stopped samples, ordered by type. */
  readonly limitsHit: readonly LimitHits[];
}

export interface LimitHits {
  /** As recorded: message, token, time, working, context, cost, operator, custom, or another. */
  readonly type: string;
  /** Samples this limit stopped. */
  readonly samples: number;
  /** The distinct limit values recorded, ascending: usually the run's, but a sample or agent may set its own. */
  readonly values: readonly number[];
}

export interface PartialMetric {
  /** The scorer, as the samples name it (a key of InspectSample.scores). */
  readonly scorer: string;
  /** The epoch reducer applied: one the run configured, else mean (Inspect's default). */
  readonly reducer: string;
  /** The mean of the reduced values; null when there are none or they cannot be reduced. */
  readonly mean: number | null;
  /** Values the mean is over: one per scored sample after epoch reduction. */
  readonly n: number;
  /** Anything the reviewer should know (values counted as 0, unscored samples, why there is no mean). */
  readonly note: string | null;
}

export interface ClaimedScore {
  /** The score's name: the scorer's, or a key of its dict value when metrics were per key. */
  readonly name: string;
  readonly scorer: string;
  /** The epoch reducer Inspect named, or null for the default (mean). */
  readonly reducer: string | null;
  /** Metric key → value; NaN and infinities become null. */
  readonly metrics: Readonly<Record<string, number | null>>;
}

export interface SampleScore {
  readonly value: unknown;
  /** value_to_float of the value, or null where it is not a finite number. */
  readonly numeric: number | null;
  readonly answer: string | null;
  readonly explanation: string | null;
}

export interface InspectSample {
  readonly id: string;
  readonly epoch: number;
  /** The input as text: a string as is, a list of messages flattened; attachments resolved. */
  readonly input: string;
  /** The target; a list of targets is one per line. */
  readonly target: string;
  readonly scores: Readonly<Record<string, SampleScore>>;
  readonly modelUsage: {
    readonly inputTokens: number;
    readonly outputTokens: number;
    readonly totalTokens: number;
  };
  readonly totalTime: number | null;
  readonly workingTime: number | null;
  /** sample.error.message, capped at 16 Ki characters like the run's error. */
  readonly error: string | null;
  /** The limit that stopped the sample, e.g. "token limit 200000". */
  readonly limit: string | null;
  /** That limit's type as recorded (e.g. "token"), or null. */
  readonly limitType: string | null;
  /** That limit's value (e.g. 200000), or null. */
  readonly limitValue: number | null;
  /** The sample's own sandbox, when its dataset gave it one; null when it used the task's or none. */
  readonly sandbox: InspectSandbox | null;
  /**
   * The sample's metadata, its scalar values only (strings capped, numbers finite), for the
   * grid's columns and filters; at most MAX_METADATA_KEYS keys, in the log's order.
   */
  readonly metadata: Readonly<Record<string, string | number | boolean>>;
  readonly messageCount: number;
  /** How often Inspect retried the sample after an error (its `error_retries`). */
  readonly errorRetries: number;
  /** Who invalidated the sample after the run, when and why; null for a valid sample. */
  readonly invalidation: SampleInvalidation | null;
  /** Every message as plain text (tool calls as `name(arguments)`), attachments resolved. */
  readonly transcript: string;
  /** Where each message starts in `transcript` (UTF-16 offsets, one per message, ascending). */
  readonly messageStarts: readonly number[];
}

/** Inspect's ProvenanceData of an invalidated sample, its strings capped; each may be absent. */
export interface SampleInvalidation {
  readonly timestamp: string | null;
  readonly author: string | null;
  readonly reason: string | null;
}

export type MetricStatus = 'match' | 'differs' | 'not-recomputable';

export interface MetricCheck {
  /** The claimed score's name (ClaimedScore.name). */
  readonly scorer: string;
  /** The metric's key in the claimed score's metrics. */
  readonly metric: string;
  readonly claimed: number | null;
  readonly recomputed: number | null;
  /** Values the metric was computed over: one per sample after epoch reduction. */
  readonly n: number;
  readonly status: MetricStatus;
  readonly note: string | null;
}
