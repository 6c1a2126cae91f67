/**
 * A rule's interval at its confidence, from the samples (docs/evaluation.md, "Bounds").
 *
 * When the metric is a mean of the sample scores (Inspect's accuracy and mean) and the
 * scores reproduce it (the same n, epochs averaged per sample, the same mean), the interval
 * is computed from them: for a proportion (every sample scored 0 or 1) by the rule's method,
 * Wilson's score interval unless it names another; otherwise, or when the rule asks for it,
 * the normal (Wald) approximation around the standard error of the scores, clipped to [0, 1]
 * when every score is in it. Failing that, around the log's stderr as the reader recomputed
 * it from the samples. Never around a stderr only the lab vouches for (one Inspect recorded
 * that cannot be recomputed): then there is no bound, and the rule is insufficient evidence.
 */
import { percentOf, type IntervalMethod } from '../../common/thresholds';
import type { StderrSource } from '../../common/evaluation/outcome';
import type { Interval } from '../../common/comparison';
import type { Candidate } from './select-evidence';
import type { ModelEvidence, SampleScore } from './evidence';
import { printable } from '../../common/text';
import { clusterCount, clusteredStderr, type ClusterId } from '../inspect';
import { intervalAtRate, normalInterval, proportionInterval, tOf } from './intervals';

/** Metrics that are the mean of the (epoch-reduced) sample scores (Inspect's built-ins). */
const MEAN_METRICS = new Set(['accuracy', 'mean']);

export function isMeanMetric(metric: string): boolean {
  return MEAN_METRICS.has(bareName(metric));
}

/** A metric key without Inspect's package prefix, as the reader recognises built-ins. */
export function bareName(metric: string): string {
  return metric.replace(/^inspect_ai\//, '');
}

/** How many values are 1 when every one is 0 or 1 (a proportion); else null. */
export function successesOf(values: readonly number[]): number | null {
  return values.every((v) => v === 0 || v === 1) ? values.filter((v) => v === 1).length : null;
}

/** Agreement between a value from samples and the log's, as the reader's tolerance. */
const RELATIVE_TOLERANCE = 1e-6;

/** What a rule's cluster did to its interval. */
export interface ClusterFacts {
  /** The sample metadata key. */
  readonly key: string;
  readonly clusters: number;
  /**
   * For a proportion: n·(design effect)⁻¹, the sample size whose binomial variance is the
   * clustered one (never more than n); null for the normal approximation.
   */
  readonly effectiveN: number | null;
}

/** How a rule wants its interval. */
export interface IntervalRequest {
  /** How each sample's epochs become its score: the rule's reducer; null for their mean. */
  readonly reduce: EpochReduce | null;
  readonly method: IntervalMethod;
  readonly confidence: number;
  /** A sample metadata key to cluster by, or null. */
  readonly cluster: string | null;
}

export type IntervalResolution =
  | {
      readonly interval: readonly [number, number];
      /** The same interval at another confidence (for a family-wise adjustment). */
      readonly at: (confidence: number) => Interval;
      /** The method used: the rule's, or wald where the scores are no proportion. */
      readonly method: IntervalMethod;
      /** Samples scored 1, when every sample is scored 0 or 1. */
      readonly successes: number | null;
      readonly stderr: number | null;
      readonly stderrSource: StderrSource | null;
      /** What the reader must know about the method (a Wald interval's shortcomings). */
      readonly caveat: string | null;
      /** How the samples were clustered, when the rule names a cluster. */
      readonly cluster: ClusterFacts | null;
    }
  | { readonly interval: null; readonly why: string };

const waldCaveat = (confidence: number) =>
  `the normal approximation, which covers less than ${percentOf(confidence)} for samples this small and near 0 or 1`;

export function resolveInterval(
  candidate: Candidate,
  observed: number,
  evidence: ModelEvidence,
  request: IntervalRequest,
): IntervalResolution {
  const { method, confidence } = request;
  const { log, metric } = candidate;
  // An interval around a value only the lab recorded would lend it the samples' authority.
  if (metric.recomputed === null)
    return {
      interval: null,
      why: `the value is only what Inspect recorded (it cannot be recomputed from the samples), and no interval rests on it`,
    };
  if (!isMeanMetric(metric.metric))
    return {
      interval: null,
      why: `${metric.metric} is not a mean of sample scores, so neither the samples nor the log's stderr (a mean's) give it an interval`,
    };
  const scores = evidence.sampleScores(log.logId, metric.scorer);
  const reduce = request.reduce ?? mean;
  const values = reproducingMeans(scores, observed, metric.n, { reduce });
  if (request.cluster !== null) {
    if (values === null)
      return {
        interval: null,
        why: `the rule clusters by "${request.cluster}", which needs the sample scores, and they do not reproduce the observed value over ${metric.n} samples`,
      };
    const ids = [...meansBySample(scores, reduce).keys()];
    const of = evidence.sampleClusters(log.logId, request.cluster);
    return clustered(values, ids, of, observed, { ...request, cluster: request.cluster });
  }
  if (values !== null) return fromScores(values, observed, method, confidence);

  const recorded = log.metrics.find(
    (m) => m.scorer === metric.scorer && bareName(m.metric) === 'stderr',
  );
  const unit = bareName(metric.metric) === 'accuracy' ? ([0, 1] as const) : null;
  if (
    recorded?.recomputed != null &&
    Number.isFinite(recorded.recomputed) &&
    recorded.recomputed > 0
  ) {
    const stderr = recorded.recomputed;
    const at = (c: number) => normalInterval(observed, stderr, c, unit);
    const { low, high } = at(confidence);
    return {
      interval: [low, high],
      at,
      method: 'wald',
      successes: null,
      stderr: recorded.recomputed,
      stderrSource: 'recomputed',
      caveat: `${waldCaveat(confidence)}, around the log's stderr as recomputed from its samples`,
      cluster: null,
    };
  }
  const unreproduced = `its sample scores do not reproduce the observed value over ${metric.n} samples`;
  if (recorded?.recomputed != null)
    return {
      interval: null,
      why: `${unreproduced}, and the stderr recomputed from them is ${recorded.recomputed === 0 ? '0, which gives no interval' : 'not a number'}`,
    };
  if (recorded?.claimed != null)
    return {
      interval: null,
      why: `${unreproduced}, and the log's stderr ${String(recorded.claimed)} is only what Inspect recorded (it cannot be recomputed from the samples): a bound never rests on a number only the lab vouches for`,
    };
  return {
    interval: null,
    why: `${unreproduced}, and the log records no stderr for scorer "${metric.scorer}"`,
  };
}

function fromScores(
  values: readonly number[],
  observed: number,
  method: IntervalMethod,
  confidence: number,
): IntervalResolution {
  const n = values.length;
  const successes = successesOf(values);
  const stderr = stderrOf(values);
  if (successes !== null && method !== 'wald') {
    const at = (c: number) => proportionInterval(method, successes, n, c);
    const { low, high } = at(confidence);
    return {
      interval: [low, high],
      at,
      method,
      successes,
      stderr,
      stderrSource: 'samples',
      caveat: null,
      cluster: null,
    };
  }
  // Scores that do not vary give the normal approximation a width of 0: no interval at all.
  if (!(stderr > 0))
    return {
      interval: null,
      why: `every sample scores ${String(values[0])}, so the normal approximation gives an interval of width 0, which is no interval${successes !== null ? ' (a proportion method would give one)' : ''}`,
    };
  return {
    ...waldAround(observed, stderr, values, confidence),
    successes,
    stderrSource: 'samples',
    caveat:
      successes !== null
        ? `${waldCaveat(confidence)}, as the rule asks`
        : `${waldCaveat(confidence)}: the scores are not all 0 or 1 (partial credit, or epochs that disagree), so they are no proportion`,
    cluster: null,
  };
}

/**
 * The interval when samples share clusters: around Inspect's clustered stderr s_c, as Korn
 * & Graubard (1998) compute a proportion's interval from survey data. For a proportion, the
 * rule's method at the effective sample size n_eff = p̂(1 − p̂)/s_c², at most n (clustering
 * never narrows it), or the number of clusters C at p̂ = 0 or 1, where s_c is 0 and says
 * nothing of how alike the clusters are; then scaled by their degrees-of-freedom factor
 * (t_{n−1}/t_{C−1})², which shrinks it when there are few clusters. Otherwise, or for
 * `wald`, observed ± t_{C−1}·s_c.
 */
function clustered(
  values: readonly number[],
  ids: readonly string[],
  of: ReadonlyMap<string, ClusterId | null>,
  observed: number,
  request: IntervalRequest & { readonly cluster: string },
): IntervalResolution {
  const { method, confidence, cluster: key } = request;
  const clusterIds: ClusterId[] = [];
  for (const id of ids) {
    const value = of.get(id) ?? null;
    if (value === null)
      return {
        interval: null,
        why: `sample ${JSON.stringify(printable(id))} has no metadata "${key}" to cluster by`,
      };
    clusterIds.push(value);
  }
  const clusters = clusterCount(clusterIds);
  if (clusters < 2)
    return {
      interval: null,
      why: `every sample has the same "${key}", and one cluster gives no clustered standard error`,
    };
  const n = values.length;
  const stderr = clusteredStderr(values, clusterIds);
  const successes = successesOf(values);
  if (successes !== null && method !== 'wald') {
    const p = successes / n;
    const designN =
      p === 0 || p === 1 ? clusters : stderr > 0 ? Math.min(n, (p * (1 - p)) / stderr ** 2) : n;
    const effective = (c: number) => designN * (tOf(c, n - 1) / tOf(c, clusters - 1)) ** 2;
    const at = (c: number) => intervalAtRate(method, p, effective(c), c);
    const effectiveN = effective(confidence);
    const { low, high } = at(confidence);
    return {
      interval: [low, high],
      at,
      method,
      successes,
      stderr,
      stderrSource: 'clustered',
      caveat: null,
      cluster: { key, clusters, effectiveN },
    };
  }
  if (!(stderr > 0))
    return {
      interval: null,
      why: `the clustered standard error by "${key}" is 0, which gives the normal approximation no width`,
    };
  return {
    ...waldAround(observed, stderr, values, confidence, clusters - 1),
    successes,
    stderrSource: 'clustered',
    caveat: waldCaveat(confidence),
    cluster: { key, clusters, effectiveN: null },
  };
}

/** The normal approximation around `stderr`, clipped to [0, 1] when every score is in it. */
function waldAround(
  observed: number,
  stderr: number,
  values: readonly number[],
  confidence: number,
  df: number | null = null,
) {
  const unit = values.every((v) => v >= 0 && v <= 1) ? ([0, 1] as const) : null;
  const at = (c: number) => normalInterval(observed, stderr, c, unit, df);
  const { low, high } = at(confidence);
  return { interval: [low, high] as const, at, method: 'wald' as const, stderr };
}

/**
 * The sample scores, epochs averaged per sample (Inspect's default reducer), when they
 * reproduce the metric: the same number of samples, at least two (or `atLeast`), and a mean
 * equal to the observed value. Otherwise they are not the values the metric was computed over (another
 * reducer, per-key scores, errored samples), and null.
 */
export function reproducingMeans(
  scores: readonly SampleScore[],
  observed: number,
  n: number,
  { atLeast = 2, reduce = mean }: { readonly atLeast?: number; readonly reduce?: EpochReduce } = {},
): number[] | null {
  const values = [...meansBySample(scores, reduce).values()];
  if (values.length < atLeast || values.length !== n) return null;
  const tolerance = RELATIVE_TOLERANCE * Math.max(1, Math.abs(observed));
  return Math.abs(mean(values) - observed) > tolerance ? null : values;
}

/** A sample's epoch scores to its one score. */
export type EpochReduce = (epochs: readonly number[]) => number;

/**
 * Each sample's numeric score reduced over its epochs: averaged (Inspect's default reducer)
 * unless a rule names another.
 */
export function meansBySample(
  scores: readonly SampleScore[],
  reduce: EpochReduce = mean,
): ReadonlyMap<string, number> {
  return reduceEpochs(epochsBySample(scores), reduce);
}

/** Each sample's epochs (as epochsBySample groups them) reduced to its one score. */
export function reduceEpochs(
  epochs: ReadonlyMap<string, readonly number[]>,
  reduce: EpochReduce = mean,
): ReadonlyMap<string, number> {
  return new Map([...epochs].map(([id, of]) => [id, reduce(of)]));
}

/** Each sample's numeric epoch scores, unscored epochs left out, in the order first seen. */
export function epochsBySample(scores: readonly SampleScore[]): ReadonlyMap<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const s of scores) {
    if (s.numeric === null || !Number.isFinite(s.numeric)) continue;
    const epochs = groups.get(s.sampleId);
    if (epochs === undefined) groups.set(s.sampleId, [s.numeric]);
    else epochs.push(s.numeric);
  }
  return groups;
}

/** sd / √n, the sample standard deviation over n − 1: Inspect's stderr of a mean. */
export function stderrOf(values: readonly number[]): number {
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1)) / Math.sqrt(values.length);
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
