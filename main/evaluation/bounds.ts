/**
 * Standard errors and 95% bounds (docs/evaluation.md, "Bounds").
 *
 * Inspect reports a metric's `stderr` as the standard error of a mean (sample standard
 * deviation / √n, or a clustered variant). The 95% interval is the normal approximation
 * around it, observed ± z·stderr with z = Φ⁻¹(0.975) ≈ 1.959964: the interval a reader of
 * Inspect's own numbers would draw.
 *
 * Bounds are not clipped to [0, 1] for accuracy-like metrics. For a proportion near 0 or 1
 * the normal approximation is too narrow and can cross the range; clipping would hide that,
 * and could turn an outcome over (a lower bound of −0.1 clipped to 0 would meet "≥ 0").
 * The raw bound is reported and compared; a cautious threshold sets minSamples instead.
 */
import type { Candidate } from './select-evidence';
import type { ModelEvidence, SampleScore } from './evidence';
import type { StderrSource } from '../../common/evaluation/outcome';

export const Z_95 = 1.959964;

/** Metrics that are the mean of the (epoch-reduced) sample scores (Inspect's built-ins). */
const MEAN_METRICS = new Set(['accuracy', 'mean']);

/** Agreement between a value from samples and the log's, as the reader's tolerance. */
const RELATIVE_TOLERANCE = 1e-6;

export type StderrResolution =
  | { readonly stderr: number; readonly source: StderrSource }
  | { readonly stderr: null; readonly source: null; readonly why: string };

/**
 * The standard error of the candidate's metric: the same scorer's `stderr` metric in the
 * same log (recomputed, else as Inspect recorded it); failing that, from the sample scores.
 */
export function resolveStderr(
  candidate: Candidate,
  observed: number,
  evidence: ModelEvidence,
): StderrResolution {
  const { log, metric } = candidate;
  const recorded = log.metrics.find(
    (m) => m.scorer === metric.scorer && bareName(m.metric) === 'stderr',
  );
  if (recorded?.recomputed != null) return { stderr: recorded.recomputed, source: 'recomputed' };
  if (recorded?.claimed != null) return { stderr: recorded.claimed, source: 'claimed' };

  const missing = `the log records no stderr for scorer "${metric.scorer}"`;
  if (!MEAN_METRICS.has(bareName(metric.metric))) {
    return {
      stderr: null,
      source: null,
      why: `${missing}, and ${metric.metric} is not a mean of sample scores, so the samples do not give one`,
    };
  }
  const fromSamples = stderrOfMean(evidence.sampleScores(log.logId, metric.scorer), {
    observed,
    n: metric.n,
  });
  if (fromSamples === null) {
    return {
      stderr: null,
      source: null,
      why: `${missing}, and its sample scores do not reproduce the observed value over ${metric.n} samples`,
    };
  }
  return { stderr: fromSamples, source: 'samples' };
}

/**
 * sd / √n of the sample scores, epochs averaged per sample (Inspect's default reducer).
 * Only when those scores reproduce the metric: the same number of samples, at least two,
 * and a mean equal to the observed value. Otherwise they are not the values the metric was
 * computed over (another reducer, per-key scores, errored samples) and the result would be
 * the standard error of something else, so there is none.
 */
export function stderrOfMean(
  scores: readonly SampleScore[],
  expected: { readonly observed: number; readonly n: number },
): number | null {
  const bySample = new Map<string, number[]>();
  for (const { sampleId, numeric } of scores) {
    if (numeric === null) continue;
    const epochs = bySample.get(sampleId);
    if (epochs === undefined) bySample.set(sampleId, [numeric]);
    else epochs.push(numeric);
  }
  const values = [...bySample.values()].map(mean);
  if (values.length < 2 || values.length !== expected.n) return null;
  const m = mean(values);
  const tolerance = RELATIVE_TOLERANCE * Math.max(1, Math.abs(expected.observed));
  if (Math.abs(m - expected.observed) > tolerance) return null;
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1)) / Math.sqrt(values.length);
}

export function ci95(observed: number, stderr: number): [number, number] {
  return [observed - Z_95 * stderr, observed + Z_95 * stderr];
}

/** A metric key without Inspect's package prefix, as the reader recognises built-ins. */
function bareName(metric: string): string {
  return metric.replace(/^inspect_ai\//, '');
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
