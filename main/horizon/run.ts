/**
 * One agent's attempt at one task, as the time-horizon engine sees it: whatever it came from
 * (a METR runs file, a signed task reference and a model's sample scores).
 */
export interface HorizonRun {
  readonly taskId: string;
  readonly family: string;
  /** How long the task takes a human expert, in minutes (> 0). */
  readonly minutes: number;
  /** 0 (failed) … 1 (succeeded); a fractional score counts as that share of a success. */
  readonly score: number;
  /**
   * The run's weight, when the caller already has one (a runs file's weight column). Either
   * every run of an analysis has one or none has; they need not sum to 1.
   */
  readonly weight?: number;
}

/**
 * Refuses runs the engine cannot use, with a RangeError naming the first bad run: callers
 * validate their inputs with their own wording (main/horizon/runs.ts for files), so this
 * only guards the engine against a caller's mistake.
 */
export function checkRuns(runs: readonly HorizonRun[]): void {
  if (runs.length === 0) throw new RangeError('no runs to analyse');
  const familyOf = new Map<string, string>();
  for (const [i, run] of runs.entries()) {
    if (!(Number.isFinite(run.minutes) && run.minutes > 0))
      throw new RangeError(`run ${i}: minutes must be a finite number above 0`);
    if (!(run.score >= 0 && run.score <= 1)) throw new RangeError(`run ${i}: score must be 0 … 1`);
    if (run.weight !== undefined && !(Number.isFinite(run.weight) && run.weight >= 0))
      throw new RangeError(`run ${i}: weight must be a finite number ≥ 0`);
    const family = familyOf.get(run.taskId);
    if (family === undefined) familyOf.set(run.taskId, run.family);
    else if (family !== run.family)
      throw new RangeError(`run ${i}: task ${run.taskId} is in two families`);
  }
}
