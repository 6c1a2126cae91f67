/**
 * Percentile intervals (Efron) from METR's hierarchical bootstrap (eval-analysis-public,
 * src/horizon/wrangle/bootstrap.py, bootstrap_sample with categories family → task → run):
 * draw as many families as there are, with replacement; within each drawn family draw as
 * many of its tasks as it has; within each drawn task draw as many of its runs as it has;
 * refit; take the 2.5th and 97.5th percentiles of each replicate quantity.
 *
 * Weights are not recomputed in a replicate, as in METR ("if we sample a task twice, it
 * should be counted twice"): each drawn run keeps the weight it has in the full data, and
 * the replicate's weights are not renormalised (METR fits them with
 * ensure_weights_sum_to_1=False). A replicate with only successes or only failures has no
 * fit and is skipped, as METR skips one whose scores take fewer than two values; one whose
 * β₁ ≥ 0 has no horizon and counts as an infinitely long one.
 *
 * METR draws once per replicate from all agents' runs pooled, so agents share the draw of
 * families; here each agent is resampled on its own, so its interval does not depend on
 * which other agents a file holds. With one seed, agents that ran the same tasks get the
 * same draws of families and tasks, as they would in METR.
 */
import { horizonAt, fitRuns, logit, type HorizonOptions } from './horizon';
import type { LogisticFit } from './logistic-fit';
import { Xoshiro128StarStar } from './random';
import { checkRuns, type HorizonRun } from './run';
import { resolveWeights } from './weights';
import { MAX_RESAMPLES } from '../../common/horizon';

export { DEFAULT_RESAMPLES, DEFAULT_SEED, MAX_RESAMPLES } from '../../common/horizon';
export const CONFIDENCE = 0.95;

export interface BootstrapOptions extends HorizonOptions {
  readonly resamples: number;
  /** A whole number 0 ≤ seed ≤ 2^53 − 1. */
  readonly seed: number;
}

/** Percentile bounds; a horizon bound is Infinity when it falls among replicates with β₁ ≥ 0. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface BootstrapSummary {
  readonly resamples: number;
  readonly seed: number;
  readonly confidence: number;
  /** Replicates that had a fit; the intervals are over these. */
  readonly fitted: number;
  /** Replicates without a fit: no success drawn, or nothing but successes. */
  readonly noSuccesses: number;
  readonly noFailures: number;
  /** Fitted replicates with β₁ ≥ 0, whose horizons count as Infinity. */
  readonly successDoesNotFall: number;
  /** The fitted replicates' horizons, ascending: for percentiles at other levels. */
  readonly replicates: { readonly p50: readonly number[]; readonly p80: readonly number[] };
  /** Null when no replicate had a fit. */
  readonly intervals: {
    readonly coefficient: Interval;
    readonly intercept: Interval;
    readonly p50: Interval;
    readonly p80: Interval;
  } | null;
}

/**
 * One agent's hierarchical bootstrap. Deterministic: the same runs in the same order, options
 * and seed give the same summary. Families and tasks are drawn from in sorted order (as
 * numpy's unique() sorts them), a task's runs in the order given.
 */
export function bootstrapHorizons(
  runs: readonly HorizonRun[],
  options: BootstrapOptions,
): BootstrapSummary {
  checkRuns(runs);
  if (
    !Number.isInteger(options.resamples) ||
    options.resamples < 1 ||
    options.resamples > MAX_RESAMPLES
  )
    throw new RangeError(`resamples must be a whole number 1 … ${MAX_RESAMPLES}`);
  if (!Number.isSafeInteger(options.seed) || options.seed < 0)
    throw new RangeError('seed must be a whole number 0 … 2^53 − 1');
  const { weights } = resolveWeights(runs, options.weighting);
  const plan = samplingPlan(runs);
  const rng = Xoshiro128StarStar.fromSeed(options.seed);
  const values = {
    coefficient: [] as number[],
    intercept: [] as number[],
    p50: [] as number[],
    p80: [] as number[],
  };
  let noSuccesses = 0;
  let noFailures = 0;
  let successDoesNotFall = 0;
  for (let r = 0; r < options.resamples; r++) {
    const drawn = hierarchicalResample(plan, rng);
    const result = fitRuns(
      drawn.map((i) => runs[i] as HorizonRun),
      drawn.map((i) => weights[i] ?? 0),
      options.regularization,
    );
    if (result.kind === 'no-successes') noSuccesses++;
    else if (result.kind === 'no-failures') noFailures++;
    else {
      const { fit } = result;
      if (!(fit.coefficient < 0)) successDoesNotFall++;
      values.coefficient.push(fit.coefficient);
      values.intercept.push(fit.intercept);
      values.p50.push(replicateHorizon(fit, 0.5));
      values.p80.push(replicateHorizon(fit, 0.8));
    }
  }
  const fitted = values.coefficient.length;
  // Sorted once: the intervals here and the percentiles a caller takes at other levels.
  for (const of of Object.values(values)) of.sort((a, b) => a - b);
  return {
    resamples: options.resamples,
    seed: options.seed,
    confidence: CONFIDENCE,
    fitted,
    noSuccesses,
    noFailures,
    successDoesNotFall,
    replicates: { p50: values.p50, p80: values.p80 },
    intervals:
      fitted === 0
        ? null
        : {
            coefficient: percentileInterval(values.coefficient, CONFIDENCE),
            intercept: percentileInterval(values.intercept, CONFIDENCE),
            p50: percentileInterval(values.p50, CONFIDENCE),
            p80: percentileInterval(values.p80, CONFIDENCE),
          },
  };
}

/** Minutes, with β₁ ≥ 0 as Infinity (no length at which success falls to q). */
function replicateHorizon(fit: LogisticFit, q: number): number {
  const horizon = horizonAt(fit, q);
  if (horizon.kind === 'finite') return horizon.minutes;
  if (horizon.reason === 'out-of-range') return 2 ** ((logit(q) - fit.intercept) / fit.coefficient);
  return Infinity;
}

/** The runs' indices grouped for drawing: families (sorted) → tasks (sorted) → runs. */
export type SamplingPlan = readonly (readonly (readonly number[])[])[];

export function samplingPlan(runs: readonly HorizonRun[]): SamplingPlan {
  const families = new Map<string, Map<string, number[]>>();
  for (const [i, run] of runs.entries()) {
    const tasks = families.get(run.family) ?? new Map<string, number[]>();
    families.set(run.family, tasks);
    const indices = tasks.get(run.taskId) ?? [];
    tasks.set(run.taskId, indices);
    indices.push(i);
  }
  return sortedEntries(families).map((tasks) => sortedEntries(tasks));
}

function sortedEntries<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/**
 * One replicate's run indices. METR draws the runs of a task drawn k times from the pooled
 * k copies (k·n draws); drawing n runs per copy, as here, is the same distribution.
 */
export function hierarchicalResample(plan: SamplingPlan, rng: Xoshiro128StarStar): number[] {
  const drawn: number[] = [];
  for (let f = 0; f < plan.length; f++) {
    const family = plan[rng.below(plan.length)] ?? [];
    for (let t = 0; t < family.length; t++) {
      const task = family[rng.below(family.length)] ?? [];
      for (let r = 0; r < task.length; r++) drawn.push(task[rng.below(task.length)] ?? 0);
    }
  }
  return drawn;
}

/** The (1 − confidence)/2 and (1 + confidence)/2 percentiles of ascending `sorted`. */
export function percentileInterval(sorted: readonly number[], confidence: number): Interval {
  return {
    low: percentile(sorted, (1 - confidence) / 2),
    high: percentile(sorted, (1 + confidence) / 2),
  };
}

/**
 * The p-quantile of ascending `sorted` by linear interpolation between order statistics
 * (Hyndman and Fan's type 7, numpy's default, which METR's np.nanquantile uses).
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no values');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo] ?? NaN;
  const frac = h - lo;
  if (frac === 0) return below;
  const above = sorted[lo + 1] ?? NaN;
  // Infinity − Infinity would be NaN; any bound reaching an infinite value is infinite.
  if (above === Infinity) return Infinity;
  return below + frac * (above - below);
}
