/**
 * The evaluation engine: a threshold set against one model's evidence. Pure: no database,
 * no clock, no cryptography; the same inputs give the same evaluation.
 */
import type { ThresholdSet } from '../thresholds';
import { designationOutcome } from './designation';
import { evaluateRule } from './evaluate-rule';
import type { ModelEvidence } from './evidence';
import type { Evaluation } from '../../common/evaluation/outcome';

export function evaluate(set: ThresholdSet, evidence: ModelEvidence): Evaluation {
  const rules = set.rules.map((rule) => evaluateRule(rule, evidence));
  const { developer, name, version } = evidence.model;
  return {
    thresholdSet: { id: set.id, version: set.version, name: set.name },
    model: { developer, name, version },
    designation: set.designation,
    ...designationOutcome(set.designation, rules),
    rules,
  };
}
