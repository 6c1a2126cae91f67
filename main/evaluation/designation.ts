/**
 * The designation rule over the rule outcomes (docs/evaluation.md, "Overall outcome").
 * All three kinds are "at least k rules met": any is k = 1, all is k = every rule. The set
 * is met when k rules are met, not met when even counting every rule without sufficient
 * evidence as met would not reach k, and otherwise undecided: the missing evidence could
 * go either way.
 */
import type { DesignationRule } from '../thresholds';
import type { Evaluation, Outcome, RuleOutcome } from '../../common/evaluation/outcome';

export function designationOutcome(
  designation: DesignationRule,
  rules: readonly RuleOutcome[],
): Pick<Evaluation, 'outcome' | 'counts' | 'explanation'> {
  const total = rules.length;
  const met = rules.filter((r) => r.status === 'met').length;
  const notMet = rules.filter((r) => r.status === 'not-met').length;
  const insufficient = total - met - notMet;
  const needed = neededFor(designation, total);

  let outcome: Outcome;
  if (met >= needed) outcome = 'meets';
  else if (met + insufficient < needed) outcome = 'does-not-meet';
  else outcome = 'insufficient-evidence';

  const tally = `${met} of ${total} rules met, ${notMet} not met, ${insufficient} without sufficient evidence`;
  const rule = `${label(designation, total)} needs ${needed} met`;
  const verdict: Record<Outcome, string> = {
    meets: 'meets',
    'does-not-meet':
      insufficient > 0
        ? 'does not meet, even if every rule without sufficient evidence were met'
        : 'does not meet',
    'insufficient-evidence': `insufficient evidence: the ${insufficient} rule${insufficient === 1 ? '' : 's'} without sufficient evidence could decide it`,
  };
  return {
    outcome,
    counts: { total, met, notMet, insufficient, needed },
    explanation: `${tally}; the designation rule (${rule}): ${verdict[outcome]}.`,
  };
}

function neededFor(designation: DesignationRule, total: number): number {
  switch (designation.kind) {
    case 'any':
      return 1;
    case 'all':
      return total;
    case 'atLeast':
      return designation.k;
  }
}

function label(designation: DesignationRule, total: number): string {
  switch (designation.kind) {
    case 'any':
      return 'any rule';
    case 'all':
      return `all ${total} rules`;
    case 'atLeast':
      return `at least ${designation.k}`;
  }
}
