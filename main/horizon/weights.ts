/**
 * Per-run weights, as METR computes them per agent (eval-analysis-public,
 * src/horizon/compute_task_weights.py, compute_sample_weights): a run's weight is
 * 1 / (runs of its task), times 1 / √(tasks in its family) for `invsqrt`, and the weights
 * are then divided by their sum. So under `equal` every task weighs the same in total, and
 * under `invsqrt` a family of n tasks weighs √n tasks' worth.
 */
import type { HorizonRun } from './run';

export { WEIGHTINGS, type Weighting } from '../../common/horizon';
import type { Weighting } from '../../common/horizon';

/** The runs' weights under `weighting`, summing to 1. */
export function taskWeights(runs: readonly HorizonRun[], weighting: Weighting): number[] {
  const runsOfTask = new Map<string, number>();
  const tasksOfFamily = new Map<string, Set<string>>();
  for (const run of runs) {
    runsOfTask.set(run.taskId, (runsOfTask.get(run.taskId) ?? 0) + 1);
    const tasks = tasksOfFamily.get(run.family) ?? new Set<string>();
    tasks.add(run.taskId);
    tasksOfFamily.set(run.family, tasks);
  }
  const raw = runs.map((run) => {
    const share = 1 / (runsOfTask.get(run.taskId) ?? 1);
    if (weighting === 'equal') return share;
    return share / Math.sqrt(tasksOfFamily.get(run.family)?.size ?? 1);
  });
  return normalised(raw);
}

export interface ResolvedWeights {
  /** One per run, in the runs' order, summing to 1. */
  readonly weights: readonly number[];
  /** `given`: the runs' own weights, normalised; `computed`: taskWeights(). */
  readonly source: 'given' | 'computed';
}

/**
 * The runs' own weights when they carry them (normalised to sum to 1, as METR's runs files
 * already are: its fits assert the sum is 1), otherwise taskWeights(runs, weighting).
 */
export function resolveWeights(runs: readonly HorizonRun[], weighting: Weighting): ResolvedWeights {
  const given = runs.map((run) => run.weight);
  const weighted = given.filter((w) => w !== undefined).length;
  if (weighted !== 0 && weighted !== runs.length)
    throw new RangeError('either every run has a weight or none has');
  if (given.every((w) => w !== undefined)) {
    const total = given.reduce((sum, w) => sum + w, 0);
    if (!(total > 0)) throw new RangeError('the runs’ weights sum to 0');
    return { weights: normalised(given), source: 'given' };
  }
  return { weights: taskWeights(runs, weighting), source: 'computed' };
}

function normalised(values: readonly number[]): number[] {
  const total = values.reduce((sum, v) => sum + v, 0);
  return values.map((v) => v / total);
}
