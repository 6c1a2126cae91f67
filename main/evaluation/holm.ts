/**
 * Holm–Bonferroni over a set's bound rules (docs/evaluation.md, "Several rules"). A
 * designation that any of m rules meets lets luck in m times; Holm's step-down (Holm 1979,
 * "A simple sequentially rejective multiple test procedure") keeps the chance that any
 * rule is met by luck at one rule's level α: the rules, ordered by p-value, are held to
 * α/m, α/(m−1), …, α, and the first that fails stops every later one.
 */
import type { Interval } from '../../common/comparison';
import type { RuleOutcome } from '../../common/evaluation/outcome';
import {
  boundSide,
  DEFAULT_CONFIDENCE,
  percentOf,
  type ThresholdRule,
} from '../../common/thresholds';
import { fmt } from './format';
import { satisfies } from './satisfies';

export interface RuleResult {
  readonly rule: ThresholdRule;
  readonly outcome: RuleOutcome;
  readonly at: ((confidence: number) => Interval) | null;
}

/**
 * The outcomes with Holm's step-down applied to the bound rules: m counts every bound rule,
 * decided or not (one without evidence is still a comparison the set makes), and α is the
 * smallest one-sided level among them, (1 − confidence)/2. A rule met on its own that does
 * not hold for the family becomes not met; no rule becomes met.
 */
export function holmAdjusted(results: readonly RuleResult[]): RuleOutcome[] {
  const bounds = results.filter((r) => boundSide(r.rule.basis) !== null);
  const m = bounds.length;
  if (m === 0) return results.map((r) => r.outcome);
  const alpha = Math.min(...bounds.map((r) => (1 - (r.rule.confidence ?? DEFAULT_CONFIDENCE)) / 2));
  const tested = bounds
    .filter((r) => r.outcome.pValue !== null && r.at !== null)
    .map((r, order) => ({ r, order }))
    .sort((a, b) => (a.r.outcome.pValue ?? 1) - (b.r.outcome.pValue ?? 1) || a.order - b.order);
  const adjusted = new Map<RuleResult, RuleOutcome>();
  let stopped = false;
  tested.forEach(({ r }, i) => {
    const rank = i + 1;
    const level = alpha / (m - rank + 1);
    const p = r.outcome.pValue ?? 1;
    const holds = !stopped && p <= level;
    if (!holds) stopped = true;
    adjusted.set(r, adjust(r, { m, rank, level, alpha, holds }));
  });
  return results.map((r) => adjusted.get(r) ?? untested(r, m));
}

function adjust(
  { rule, outcome, at }: RuleResult,
  step: {
    readonly m: number;
    readonly rank: number;
    readonly level: number;
    readonly alpha: number;
    readonly holds: boolean;
  },
): RuleOutcome {
  const { m, rank, level, alpha, holds } = step;
  const side = boundSide(rule.basis) ?? 'lower';
  const interval = at?.(1 - 2 * level) ?? { low: Number.NaN, high: Number.NaN };
  const bound = side === 'lower' ? interval.low : interval.high;
  const clear = satisfies(rule.operator, bound, rule.value);
  const p = outcome.pValue ?? 1;
  const why = holds
    ? 'holds for the family'
    : p > level
      ? 'does not hold for the family'
      : 'does not hold for the family, since a rule before it in that order did not';
  const text = `Holm–Bonferroni over ${m} bound rules at one-sided ${percentOf(alpha)}: rank ${rank}, p ${pText(p)} against ${pText(level)} (${percentOf(alpha)}/${m - rank + 1}); its ${side} ${percentOf(1 - 2 * level)} bound is ${fmt(bound)}${clear ? '' : ', not clear of the threshold'}: it ${why}${outcome.status === 'met' && !holds ? ', so the rule is not met' : ''}.`;
  // The rule's own bound and margin stay what they were; the family's level is in
  // `familywise` and the sentence.
  return {
    ...outcome,
    status: outcome.status === 'met' && !holds ? 'not-met' : outcome.status,
    familywise: { rules: m, rank, level, bound, holds },
    explanation: `${outcome.explanation} ${text}`,
  };
}

/**
 * A bound rule Holm could not rank: without evidence (it stays so), or compared the other
 * way (a lower bound by ≤ or <, an upper one by ≥ or >), which has no one-sided p-value. Such
 * a rule met on its own cannot hold for the family: Holm's guarantee covers only the rules
 * it tested, so it is not met.
 */
function untested({ rule, outcome }: RuleResult, m: number): RuleOutcome {
  if (boundSide(rule.basis) === null || outcome.status === 'insufficient-evidence') return outcome;
  const met = outcome.status === 'met';
  return {
    ...outcome,
    status: met ? 'not-met' : outcome.status,
    explanation: `${outcome.explanation} Holm–Bonferroni over ${m} bound rules cannot rank it: its bound is compared the other way (a lower bound by ≤ or <, an upper one by ≥ or >), which tests nothing one-sided${met ? ', so it does not hold for the family and the rule is not met' : ''}.`,
  };
}

function pText(p: number): string {
  return p < 0.0001 ? p.toExponential(1) : p.toPrecision(2);
}
