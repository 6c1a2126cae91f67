/**
 * Recomputes the metrics Inspect claimed in `results.scores` from the samples, the way
 * Inspect computes them (inspect_ai/_eval/task/results.py):
 *
 * 1. Take the samples that have a score from the claimed score's scorer. Samples that
 *    ended in an error carry no score unless the run set `score_on_error`, in which case
 *    Inspect scored them and so do we.
 * 2. If the claimed score is a key of a dict-valued score (metrics declared per key), take
 *    that key's value from each score.
 * 3. Group by sample id and reduce the epochs with the score's reducer (default `mean`).
 *    Unscored values (NaN, or null as some writers put it) are skipped, as current Inspect
 *    does; a sample with no scored epoch is unscored.
 * 4. Apply the metric to the reduced values of the scored samples.
 *
 * Known metrics: accuracy, mean, std and stderr, clustered too (`stderr(cluster=KEY)`, by
 * the samples' metadata value of KEY). Anything else — custom metrics, other parameters,
 * metrics over whole dict or list values — is reported as not recomputable with the
 * reason, never guessed.
 *
 * A run that did not finish has no claims to check; partialMetrics gives each scorer's
 * mean over the samples it has, by steps 1 to 3.
 */
import { clusteredStderr } from './clustered-stderr';
import { reducerFor } from './reducers';
import type { EvalScore } from './schema';
import { finiteOrNull } from './finite';
import type { InspectSample, MetricCheck, PartialMetric } from './types';
import { valueToFloat } from './value-to-float';

export interface RecomputeContext {
  /** The reducer for claimed scores that name none (Inspect's default is mean). */
  readonly defaultReducer: string;
  /** The run's `score_on_error`: errored samples were scored and count. */
  readonly scoreOnError: boolean;
}

/**
 * Claimed and recomputed agree when they differ by at most 1e-6 relative (absolute below
 * 1). Both sides are float64 sums of the same values, so honest differences are summation
 * order (numpy's pairwise sum against ours), around 1e-15 relative. A real discrepancy is
 * at least one sample changing: 1/n of the scale, which is above 1e-6 for every benchmark
 * under a million samples. The slack also forgives a claim written to six significant
 * digits.
 */
export const RELATIVE_TOLERANCE = 1e-6;

/**
 * Each scorer's mean over the samples present, reduced across epochs with each reducer the
 * run configured (else mean): how far a run that did not finish got. The samples, the
 * reduction and value_to_float are those of the checks; only the claim is missing.
 */
export function partialMetrics(
  samples: readonly InspectSample[],
  reducers: readonly string[],
  scoreOnError: boolean,
): PartialMetric[] {
  const scorers = new Set(samples.flatMap((sample) => Object.keys(sample.scores)));
  return [...scorers].flatMap((scorer) =>
    (reducers.length === 0 ? ['mean'] : reducers).map((reducer): PartialMetric => {
      const score: EvalScore = { name: scorer, scorer, reducer, metrics: {} };
      const reduced = reduceEpochs(score, samples, { defaultReducer: reducer, scoreOnError });
      if (!reduced.ok) {
        return {
          scorer,
          reducer,
          mean: null,
          n: reduced.samples,
          note: noteText([reduced.reason]),
        };
      }
      const n = reduced.values.length;
      return {
        scorer,
        reducer,
        mean: n === 0 ? null : finiteOrNull(mean(reduced.values)),
        n,
        note: noteText(reduced.notes),
      };
    }),
  );
}

export function checkMetrics(
  scores: readonly EvalScore[],
  samples: readonly InspectSample[],
  context: RecomputeContext,
): MetricCheck[] {
  return scores.flatMap((score) => {
    const reduced = reduceEpochs(score, samples, context);
    return Object.entries(score.metrics).map(([key, metric]) =>
      checkMetric(score, key, metric, reduced),
    );
  });
}

/** The reduced per-sample values the metrics run over, or why there are none. */
type Reduction =
  | {
      readonly ok: true;
      /** One per scored sample (unscored samples left out). */
      readonly values: readonly number[];
      /** The metadata of each of those samples (its first epoch's), for clustering. */
      readonly metadata: readonly Readonly<Record<string, Scalar>>[];
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly reason: string; readonly samples: number };

type Scalar = string | number | boolean;

function reduceEpochs(
  score: EvalScore,
  samples: readonly InspectSample[],
  context: RecomputeContext,
): Reduction {
  const reducerName = score.reducer ?? context.defaultReducer;
  const reducer = reducerFor(reducerName);
  const byId = new Map<string, (Scalar | null)[]>();
  const metadataOf = new Map<string, Readonly<Record<string, Scalar>>>();
  for (const sample of samples) {
    if (sample.error !== null && !context.scoreOnError) continue;
    const sampleScore = sample.scores[score.scorer];
    if (sampleScore === undefined) continue;
    const scored = scoredValue(sampleScore.value, score);
    if ('reason' in scored) return { ok: false, reason: scored.reason, samples: 0 };
    const epochs = byId.get(sample.id) ?? [];
    epochs.push(scored.value);
    byId.set(sample.id, epochs);
    if (!metadataOf.has(sample.id)) metadataOf.set(sample.id, sample.metadata);
  }
  if (byId.size === 0) {
    return {
      ok: false,
      reason: `the log holds no scored samples for scorer ${score.scorer}`,
      samples: 0,
    };
  }
  if (reducer === null) {
    return {
      ok: false,
      reason: `the epoch reducer ${reducerName} is not one the reader recomputes`,
      samples: byId.size,
    };
  }
  const values: number[] = [];
  const metadata: Readonly<Record<string, Scalar>>[] = [];
  let unscored = 0;
  let unconvertible = 0;
  for (const [id, epochs] of byId) {
    const scored = epochs.filter((v): v is Scalar => v !== null && !Number.isNaN(v));
    unconvertible += scored.filter((v) => valueToFloat(v) === null).length;
    const value = scored.length === 0 ? Number.NaN : reducer(scored);
    if (Number.isNaN(value)) unscored += 1;
    else {
      values.push(value);
      metadata.push(metadataOf.get(id) ?? {});
    }
  }
  const notes: string[] = [];
  if (reducerName.startsWith('pass_at_') || reducerName.startsWith('at_least_')) {
    notes.push(`the ${reducerName} reducer is recomputed with its default threshold of 1.0`);
  }
  if (unconvertible > 0) {
    notes.push(`${unconvertible} score value(s) are not numbers and count as 0, as in Inspect`);
  }
  if (unscored > 0) {
    notes.push(
      `${unscored} sample(s) are unscored (NaN) after reduction and are left out, as current Inspect does`,
    );
  }
  return { ok: true, values, metadata, notes };
}

/** The scalar a sample contributes (null when unscored), or why the score cannot be recomputed. */
function scoredValue(
  value: unknown,
  score: EvalScore,
): { value: Scalar | null } | { reason: string } {
  if (score.name !== score.scorer) {
    // NaN at the root marks a whole dict score unscored (Inspect's Score.unscored()).
    if (value === null || Number.isNaN(value)) return { value: null };
    if (!isRecord(value) || !Object.hasOwn(value, score.name)) {
      return { reason: `the scorer's values are not dicts with the key ${score.name}` };
    }
    return { value: scalarOrNull(value[score.name]) };
  }
  if (typeof value === 'object' && value !== null) {
    const shape = Array.isArray(value) ? 'lists' : 'dicts';
    return { reason: `the scorer's values are ${shape}, which only its own metrics can summarise` };
  }
  return { value: scalarOrNull(value) };
}

function scalarOrNull(value: unknown): Scalar | null {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KNOWN_METRICS: Readonly<Record<string, (values: readonly number[]) => number>> = {
  accuracy: mean,
  mean,
  std: sampleStd,
  stderr: (values) => (values.length < 2 ? 0 : sampleStd(values) / Math.sqrt(values.length)),
};

function checkMetric(
  score: EvalScore,
  key: string,
  metric: EvalScore['metrics'][string],
  reduced: Reduction,
): MetricCheck {
  const claimed = finiteOrNull(metric.value);
  const base = { scorer: score.name, metric: key, claimed };
  const notRecomputable = (n: number, note: string): MetricCheck => ({
    ...base,
    recomputed: null,
    n,
    status: 'not-recomputable',
    note: noteText([note]),
  });
  const n = reduced.ok ? reduced.values.length : reduced.samples;
  const name = metric.name.replace(/^inspect_ai\//, '');
  const compute = Object.hasOwn(KNOWN_METRICS, name) ? KNOWN_METRICS[name] : undefined;
  if (compute === undefined) {
    // The mean is only a pointer for the reviewer; the status stays not-recomputable.
    const hint =
      reduced.ok && n > 0
        ? `; for reference, the mean of the ${n} reduced value(s) is ${mean(reduced.values)}`
        : '';
    return notRecomputable(
      n,
      `the metric ${metric.name} is not an Inspect built-in the reader recomputes${hint}`,
    );
  }
  const params: Readonly<Record<string, unknown>> = { ...metric.params, ...metric.options };
  const cluster = name === 'stderr' ? clusterKey(params) : null;
  if (Object.keys(params).length > 0 && cluster === null) {
    const names = Object.keys(params).join(', ');
    return notRecomputable(
      n,
      `the metric ${metric.name} has parameters (${names}) the reader does not reproduce`,
    );
  }
  if (!reduced.ok) return notRecomputable(n, reduced.reason);
  let clusters: Scalar[] | null = null;
  if (cluster !== null) {
    clusters = [];
    for (const sampleMetadata of reduced.metadata) {
      const id = Object.hasOwn(sampleMetadata, cluster) ? sampleMetadata[cluster] : undefined;
      // Inspect raises here; the reader says so.
      if (id === undefined)
        return notRecomputable(
          n,
          `the metric ${metric.name} clusters by the metadata key "${cluster}", which a scored sample lacks (or holds no scalar under)`,
        );
      clusters.push(id);
    }
  }

  // Inspect gives NaN for a metric over no values; NaN is recorded as null on both sides.
  const value =
    clusters === null ? compute(reduced.values) : clusteredStderr(reduced.values, clusters);
  const recomputed = n === 0 ? null : finiteOrNull(value);
  const notes = [...reduced.notes];
  if (score.scored_samples != null && score.scored_samples !== n) {
    notes.push(`Inspect recorded ${score.scored_samples} scored samples; the reader found ${n}`);
  }
  return {
    ...base,
    recomputed,
    n,
    status: agrees(claimed, recomputed) ? 'match' : 'differs',
    note: noteText(notes),
  };
}

function agrees(claimed: number | null, recomputed: number | null): boolean {
  if (claimed === null || recomputed === null) return claimed === recomputed;
  return Math.abs(claimed - recomputed) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(claimed));
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** `stderr(cluster=KEY)`'s key: the one parameter, a string; else null. */
function clusterKey(params: Readonly<Record<string, unknown>>): string | null {
  const keys = Object.keys(params);
  const key = params.cluster;
  return keys.length === 1 && typeof key === 'string' ? key : null;
}

/** Sample standard deviation (ddof = 1), 0 below two values, as Inspect's std and stderr. */
function sampleStd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/** Notes as one sentence for the reviewer, or null when there are none. */
function noteText(notes: readonly string[]): string | null {
  if (notes.length === 0) return null;
  const text = notes.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
