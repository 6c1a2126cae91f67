/**
 * What the logistic regression is fitted to: weighted 0/1 outcomes at x = log₂(minutes).
 * A fractional score s of weight w becomes a success of weight w·s and a failure of weight
 * w·(1 − s), as METR splits `score_cont` before calling scikit-learn (eval-analysis-public,
 * src/horizon/utils/logistic.py, logistic_regression): the weighted log loss is then that of
 * the fractional target, and the total weight and weighted mean score are unchanged.
 */
import type { HorizonRun } from './run';

export interface WeightedOutcome {
  /** log₂ of the task's human minutes. */
  readonly x: number;
  readonly y: 0 | 1;
  readonly weight: number;
}

/** The outcomes of `runs` with their `weights` (same order); zero-weight outcomes are left out. */
export function weightedOutcomes(
  runs: readonly HorizonRun[],
  weights: readonly number[],
): WeightedOutcome[] {
  const outcomes: WeightedOutcome[] = [];
  for (const [i, run] of runs.entries()) {
    const weight = weights[i] ?? 0;
    const x = Math.log2(run.minutes);
    const success = weight * run.score;
    const failure = weight * (1 - run.score);
    if (success > 0) outcomes.push({ x, y: 1, weight: success });
    if (failure > 0) outcomes.push({ x, y: 0, weight: failure });
  }
  return outcomes;
}
