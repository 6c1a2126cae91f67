import type { RuleOutcome } from '../../../../../common/evaluation';
import { benchmarkName, metricId, metricName } from '../../../vocabulary';

/** What a rule measures, readably: "Cybench · accuracy (includes)". */
export function ruleMetricName(rule: RuleOutcome): string {
  return `${benchmarkName(rule.benchmark)} · ${metricName(rule.scorer, rule.metric)}`;
}

/** The same as the rule names it: "cybench / includes/accuracy". */
export function ruleMetricId(rule: RuleOutcome): string {
  return `${rule.benchmark} / ${metricId(rule.scorer, rule.metric)}`;
}
