/** How a bound compares with a rule's threshold (docs/evaluation.md, "Rule status"). */
import type { Operator } from '../../common/thresholds';

/**
 * Signed distance from the threshold, positive on the met side: bound − value for ≥ and >,
 * value − bound for ≤ and <. A met ≥ or ≤ rule has margin ≥ 0, a met > or < rule margin > 0.
 */
export function marginOf(operator: Operator, bound: number, value: number): number {
  return operator === '>=' || operator === '>' ? bound - value : value - bound;
}

export function satisfies(operator: Operator, bound: number, value: number): boolean {
  switch (operator) {
    case '>=':
      return bound >= value;
    case '>':
      return bound > value;
    case '<=':
      return bound <= value;
    case '<':
      return bound < value;
  }
}
