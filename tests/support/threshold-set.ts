/**
 * A threshold set for flows over the fixture logs: one rule the popularity log meets, one
 * with no evidence, any one met designates. No test-runner imports, so the plain-Node
 * scripts (tests/offline) load it too.
 */
export const EXAMPLE_THRESHOLD_SET = {
  type: 'designation-desk/threshold-set/v1',
  id: 'cyber-core',
  version: 1,
  name: 'Cyber core',
  rules: [
    {
      id: 'RULE-POP',
      benchmark: 'popularity',
      scorer: 'match',
      metric: 'accuracy',
      operator: '>=',
      value: 0.5,
      basis: 'point',
    },
    {
      id: 'RULE-NONE',
      benchmark: 'cybench',
      metric: 'accuracy',
      operator: '>=',
      value: 0.3,
      basis: 'lower95',
    },
  ],
  designation: { kind: 'any' },
};

/** doomla_solved.eval's one sample solved: includes/accuracy 1 (n 1) meets this. */
export const DOOMLA_RULE = {
  id: 'doomla',
  benchmark: 'doomla',
  scorer: 'includes',
  metric: 'accuracy',
  operator: '>=',
  value: 0.5,
  basis: 'point',
  minSamples: 1,
} as const;
