/** A rule outcome for the renderer's tests: a met point rule, with the fields a test sets. */
import type { RuleOutcome } from '../../common/evaluation';

export function ruleOutcome(overrides: Partial<RuleOutcome>): RuleOutcome {
  return {
    ruleId: 'r1',
    benchmark: 'cybench',
    metric: 'accuracy',
    scorer: null,
    operator: '>=',
    threshold: 0.5,
    basis: 'point',
    minSamples: 1,
    status: 'met',
    observed: 0.6,
    source: 'recomputed',
    stderr: null,
    stderrSource: null,
    interval: null,
    confidence: null,
    cluster: null,
    pValue: null,
    familywise: null,
    horizon: null,
    strata: null,
    intervalMethod: null,
    successes: null,
    bound: 0.6,
    margin: 0.1,
    n: 30,
    sourceLog: null,
    claims: [],
    alsoSeen: [],
    explanation: '',
    ...overrides,
  };
}
