/**
 * A bound rule's one-sided p-value (docs/evaluation.md, "Several rules"): the smallest α at
 * which the end of the rule's two-sided interval at confidence 1 − 2α is on the met side of
 * the threshold, by the rule's own method. The rule is met at its confidence c exactly when
 * p ≤ (1 − c)/2, so Holm's step-down can compare it with a smaller α.
 */
import type { Interval } from '../../common/comparison';
import type { Operator } from '../../common/thresholds';
import { satisfies } from './satisfies';

/** Below this, p is reported as this: the quantiles are not resolved further. */
export const SMALLEST_P = 1e-12;

/**
 * Null when the comparison tests nothing one-sided (a lower bound compared by ≤ or <, an
 * upper bound by ≥ or >); 1 when even the point estimate (α = ½) is not clear of it.
 */
export function pValueOf(
  side: 'lower' | 'upper',
  operator: Operator,
  threshold: number,
  at: (confidence: number) => Interval,
): number | null {
  const lowerSide = operator === '>=' || operator === '>';
  if ((side === 'lower') !== lowerSide) return null;
  const clear = (alpha: number) => {
    const { low, high } = at(1 - 2 * alpha);
    return satisfies(operator, side === 'lower' ? low : high, threshold);
  };
  if (!clear(0.5)) return 1;
  if (clear(SMALLEST_P)) return SMALLEST_P;
  // The end moves towards the estimate as α grows, so "clear" holds from some α on.
  let low = SMALLEST_P;
  let high = 0.5;
  for (let i = 0; i < 80 && high - low > 1e-15 * high; i += 1) {
    const middle = Math.sqrt(low * high); // α spans many decades: bisect its logarithm
    if (clear(middle)) high = middle;
    else low = middle;
  }
  return high;
}
