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
  readonly error: string | null;
  /** The limit that stopped the sample, e.g. "token limit 200000". */
  readonly limit: string | null;
  readonly messageCount: number;
  /** Every message as plain text (tool calls as `name(arguments)`), attachments resolved. */
  readonly transcript: string;
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
