/**
 * The evaluation engine: a threshold set against one model's evidence. Pure: no database,
 * no clock, no cryptography; the same inputs give the same evaluation.
 */
import type { ThresholdSet } from '../thresholds';
import { designationOutcome } from './designation';
import { evaluateRuleFully } from './evaluate-rule';
import type { ModelEvidence } from './evidence';
import { holmAdjusted } from './holm';
import type { HorizonBootstraps } from './horizon-rule';
import type { Evaluation } from '../../common/evaluation/outcome';

/**
 * `bootstraps` are the horizon rules' bootstraps when a worker has run them (see
 * horizonJobs); any missing are computed here.
 */
export function evaluate(
  set: ThresholdSet,
  evidence: ModelEvidence,
  bootstraps: HorizonBootstraps = () => undefined,
): Evaluation {
  const results = set.rules.map((rule) => ({
    rule,
    ...evaluateRuleFully(rule, evidence, bootstraps),
  }));
  const multipleComparisons = set.multipleComparisons ?? 'none';
  const rules =
    multipleComparisons === 'holm' ? holmAdjusted(results) : results.map((r) => r.outcome);
  const { developer, name, version } = evidence.model;
  const designation = designationOutcome(set.designation, rules);
  const bounds = rules.filter((r) => r.familywise !== null).length;
  return {
    thresholdSet: { id: set.id, version: set.version, name: set.name },
    model: { developer, name, version },
    designation: set.designation,
    multipleComparisons,
    ...designation,
    explanation:
      multipleComparisons === 'holm'
        ? `${designation.explanation} Bound rules adjusted by Holm–Bonferroni (${bounds} ranked).`
        : designation.explanation,
    rules,
  };
}
