/**
 * Two model versions side by side, as every process sees it (main/evaluation
 * compare-versions.ts builds it): per benchmark, each version's latest run, the metrics
 * both have with value, interval and difference, and the tasks that flipped.
 */
import { z } from 'zod';
import { ModelRefSchema } from '../models';

const Count = z.number().int().nonnegative();

export const IntervalSchema = z.strictObject({ low: z.number(), high: z.number() });
export type Interval = z.infer<typeof IntervalSchema>;

export const VersionMetricSchema = z.strictObject({
  value: z.number().nullable(),
  /** recomputed: from the samples; claimed-only: Inspect's number, not recomputable. */
  source: z.enum(['recomputed', 'claimed-only']).nullable(),
  n: Count,
  /** Wilson 95% for a proportion; null for other metrics. */
  interval: IntervalSchema.nullable(),
});
export type VersionMetric = z.infer<typeof VersionMetricSchema>;

/** The two versions on the tasks both ran (main/evaluation/paired.ts). */
export const PairedDifferenceSchema = z.strictObject({
  /** Tasks in both runs. */
  n: Count,
  /** The mean over those tasks of (second − first), each task's epochs averaged. */
  difference: z.number(),
  /** sd / √n of the per-task differences; null below two tasks. */
  stderr: z.number().nullable(),
  /** difference ± 1.959964 × stderr, inside [−1, 1] when every score is in [0, 1]. */
  interval: IntervalSchema.nullable(),
  /** McNemar's exact test, when every task was run once and scored 0 or 1 by both. */
  mcnemar: z.strictObject({ onlyA: Count, onlyB: Count, p: z.number().min(0).max(1) }).nullable(),
});
export type PairedDifference = z.infer<typeof PairedDifferenceSchema>;

export const MetricComparisonSchema = z.strictObject({
  scorer: z.string(),
  metric: z.string(),
  a: VersionMetricSchema,
  b: VersionMetricSchema,
  /** b − a, when both have a value. */
  difference: z.number().nullable(),
  /** For a mean of sample scores (accuracy, mean): the same difference task by task. */
  paired: PairedDifferenceSchema.nullable(),
});
export type MetricComparison = z.infer<typeof MetricComparisonSchema>;

export const TaskFlipSchema = z.strictObject({
  scorer: z.string(),
  sampleId: z.string(),
  /** The sample's score reduced over epochs (mean), in each version. */
  a: z.number(),
  b: z.number(),
  /** solved: 1 in b, below 1 in a; lost: the other way round. */
  direction: z.enum(['solved', 'lost']),
});
export type TaskFlip = z.infer<typeof TaskFlipSchema>;

export const RunRefSchema = z.strictObject({
  logId: z.number().int().positive(),
  logPath: z.string(),
  bundleFile: z.string(),
  runFinishedOn: z.string(),
  /** Counted runs of this benchmark the version has, this one included. */
  runs: Count,
});
export type RunRef = z.infer<typeof RunRefSchema>;

export const BenchmarkComparisonSchema = z.strictObject({
  benchmark: z.string(),
  a: RunRefSchema.nullable(),
  b: RunRefSchema.nullable(),
  metrics: z.array(MetricComparisonSchema).readonly(),
  flips: z.array(TaskFlipSchema).readonly(),
});
export type BenchmarkComparison = z.infer<typeof BenchmarkComparisonSchema>;

export const VersionComparisonSchema = z.strictObject({
  a: ModelRefSchema,
  b: ModelRefSchema,
  benchmarks: z.array(BenchmarkComparisonSchema).readonly(),
});
export type VersionComparison = z.infer<typeof VersionComparisonSchema>;

export const CompareRequestSchema = z.strictObject({ a: ModelRefSchema, b: ModelRefSchema });
