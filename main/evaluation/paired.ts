/**
 * Two versions on the same tasks (docs/evaluation.md, "Versions side by side"): the mean of
 * the per-task differences with its paired standard error, and, when every task was run
 * once and scored 0 or 1 by both, McNemar's exact test on the tasks only one solved.
 */
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import type { PairedDifference } from '../../common/comparison';
import { normalInterval } from './intervals';

/**
 * `a` and `b`: each task's score, epochs averaged; `oneEpoch`: every task of both runs was
 * run once. Null when no task is in both.
 */
export function pairedDifference(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
  oneEpoch: boolean,
): PairedDifference | null {
  const pairs = [...a].flatMap(([task, scoreA]) => {
    const scoreB = b.get(task);
    return scoreB === undefined ? [] : [[scoreA, scoreB] as const];
  });
  const n = pairs.length;
  if (n === 0) return null;
  const differences = pairs.map(([x, y]) => y - x);
  const difference = differences.reduce((sum, d) => sum + d, 0) / n;
  const stderr =
    n < 2
      ? null
      : Math.sqrt(differences.reduce((sum, d) => sum + (d - difference) ** 2, 0) / (n - 1)) /
        Math.sqrt(n);
  const inUnit = pairs.every(([x, y]) => x >= 0 && x <= 1 && y >= 0 && y <= 1);
  const interval =
    stderr === null ? null : normalInterval(difference, stderr, 0.95, inUnit ? [-1, 1] : null);
  const binary = pairs.every(([x, y]) => (x === 0 || x === 1) && (y === 0 || y === 1));
  return {
    n,
    difference,
    stderr,
    interval,
    mcnemar: binary && oneEpoch ? mcnemar(pairs) : null,
  };
}

/**
 * McNemar's exact (conditional) test: of the d tasks only one version solved, under "no
 * difference" each is the first version's with probability ½, so the two-sided p-value is
 * min(1, 2·P(X ≤ min(onlyA, onlyB))) for X ~ Binomial(d, ½) (Fagerland, Lydersen & Laake
 * 2013); 1 when no task is discordant.
 */
function mcnemar(pairs: readonly (readonly [number, number])[]): PairedDifference['mcnemar'] {
  const onlyA = pairs.filter(([x, y]) => x === 1 && y === 0).length;
  const onlyB = pairs.filter(([x, y]) => x === 0 && y === 1).length;
  const discordant = onlyA + onlyB;
  const p =
    discordant === 0 ? 1 : Math.min(1, 2 * binomialCdf(Math.min(onlyA, onlyB), discordant, 0.5));
  return { onlyA, onlyB, p };
}
