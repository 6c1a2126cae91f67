import {
  THRESHOLD_SET_TYPE,
  type ThresholdRule,
  type ThresholdSet,
} from '../../../../../common/thresholds';

/** A new rule: the most common shape (accuracy, lower 95% bound at least one half). */
export const EMPTY_RULE: ThresholdRule = {
  id: '',
  benchmark: '',
  metric: 'accuracy',
  operator: '>=',
  value: 0.5,
  basis: 'lower',
  confidence: 0.95,
  minSamples: 1,
};

export function newSetDraft(): ThresholdSet {
  return {
    type: THRESHOLD_SET_TYPE,
    id: '',
    version: 1,
    name: '',
    notes: '',
    rules: [{ ...EMPTY_RULE }],
    designation: { kind: 'any' },
  };
}

/**
 * An optional text field set from its input: empty means absent ("any scorer", independent
 * samples), so the key is left out, not set to "".
 */
export function withText(
  rule: ThresholdRule,
  field: 'scorer' | 'cluster',
  text: string,
): ThresholdRule {
  const next: ThresholdRule = { ...rule };
  if (text) next[field] = text;
  else if (field === 'scorer') delete next.scorer;
  else delete next.cluster;
  return next;
}

/** The id of the list of benchmarks the evidence has, which every rule's input offers. */
export const BENCHMARKS_LIST = 'evidence-benchmarks';
