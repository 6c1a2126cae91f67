/**
 * Difficulty strata (docs/evaluation.md, "Difficulty strata"): how often the model succeeds
 * on tasks of each length, in the buckets METR bins task lengths by (1–4, 4–16, 16–64,
 * 64–256 and 256–960 human minutes), and the longest task it solved.
 */
import { STRATA_MINUTES, type Strata } from '../../common/evaluation/outcome';
import { printable } from '../../common/text';
import { epochsBySample } from './bounds';
import type { SampleScore, TaskTimesLookup } from './evidence';

export function strataOf(
  scores: readonly SampleScore[],
  lookup: Extract<TaskTimesLookup, { kind: 'found' }>,
): Strata {
  const bounds = STRATA_MINUTES;
  const rates = bounds.slice(1).map(() => [] as number[]);
  let outside = 0;
  let unmatched = 0;
  let longestSolved: Strata['longestSolved'] = null;
  for (const [taskId, epochs] of epochsBySample(scores)) {
    const task = lookup.tasks.get(taskId);
    if (task === undefined) unmatched += 1;
    if (task === undefined || epochs.length === 0) continue;
    const rate = epochs.reduce((sum, v) => sum + v, 0) / epochs.length;
    // A bucket holds its lower end; the last one its upper end too (960 minutes is 16 hours).
    const bucket = bounds.findIndex(
      (from, i) =>
        i < bounds.length - 1 &&
        task.minutes >= from &&
        (task.minutes < (bounds[i + 1] ?? 0) ||
          (i === bounds.length - 2 && task.minutes === bounds[i + 1])),
    );
    if (bucket === -1) outside += 1;
    else rates[bucket]?.push(rate);
    if (
      epochs.some((v) => v >= 1) &&
      (longestSolved === null || task.minutes > longestSolved.minutes)
    )
      longestSolved = { taskId: printable(taskId), minutes: task.minutes };
  }
  return {
    reference: lookup.reference,
    buckets: rates.map((of, i) => ({
      fromMinutes: bounds[i] ?? 0,
      toMinutes: bounds[i + 1] ?? 0,
      tasks: of.length,
      successRate:
        of.length === 0
          ? null
          : Math.min(1, Math.max(0, of.reduce((s, v) => s + v, 0) / of.length)),
    })),
    outside,
    unmatched,
    longestSolved,
  };
}
