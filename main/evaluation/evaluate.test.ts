import { describe, expect, it } from 'vitest';
import type { DesignationRule } from '../thresholds';
import { evaluate } from './evaluate';
import { EvaluationSchema, type Outcome, type RuleStatus } from '../../common/evaluation/outcome';
import {
  evidenceLog,
  metric,
  modelEvidence,
  rule,
  thresholdSet,
} from '../../tests/support/evaluation-test-evidence';

// One benchmark per status: "high" (0.9) meets ≥ 0.5, "low" (0.1) does not, "absent" has no log.
const evidence = modelEvidence([
  evidenceLog({
    logId: 1,
    path: 'logs/high.eval',
    task: 'high',
    metrics: [metric('s', 'accuracy', 0.9, 10)],
  }),
  evidenceLog({
    logId: 2,
    path: 'logs/low.eval',
    task: 'low',
    metrics: [metric('s', 'accuracy', 0.1, 10)],
  }),
]);
const BENCHMARK: Readonly<Record<RuleStatus, string>> = {
  met: 'high',
  'not-met': 'low',
  'insufficient-evidence': 'absent',
};

function overall(designation: DesignationRule, statuses: readonly RuleStatus[]) {
  const set = thresholdSet(
    statuses.map((status, i) => rule({ id: `r${i + 1}`, benchmark: BENCHMARK[status] })),
    designation,
  );
  const result = evaluate(set, evidence);
  EvaluationSchema.parse(result);
  expect(result.rules.map((r) => r.status)).toEqual(statuses);
  return result;
}

const M = 'met';
const N = 'not-met';
const I = 'insufficient-evidence';

describe('the designation rule', () => {
  it.each<[DesignationRule, RuleStatus[], Outcome]>([
    [{ kind: 'any' }, [M, N, I], 'meets'],
    [{ kind: 'any' }, [N, N], 'does-not-meet'],
    [{ kind: 'any' }, [N, I], 'insufficient-evidence'],
    [{ kind: 'any' }, [I], 'insufficient-evidence'],
    [{ kind: 'all' }, [M, M], 'meets'],
    [{ kind: 'all' }, [M, N, I], 'does-not-meet'],
    [{ kind: 'all' }, [M, I], 'insufficient-evidence'],
    [{ kind: 'atLeast', k: 2 }, [M, M, N], 'meets'],
    [{ kind: 'atLeast', k: 2 }, [M, N, N], 'does-not-meet'],
    [{ kind: 'atLeast', k: 2 }, [M, I, N], 'insufficient-evidence'],
    [{ kind: 'atLeast', k: 3 }, [M, I, N], 'does-not-meet'],
    [{ kind: 'atLeast', k: 1 }, [I, I, N], 'insufficient-evidence'],
  ])('%o over %o: %s', (designation, statuses, expected) => {
    expect(overall(designation, statuses).outcome).toBe(expected);
  });

  it('carries the counts and says why', () => {
    const atLeast2 = overall({ kind: 'atLeast', k: 2 }, [M, I, N]);
    expect(atLeast2.counts).toEqual({ total: 3, met: 1, notMet: 1, insufficient: 1, needed: 2 });
    expect(atLeast2.explanation).toBe(
      '1 of 3 rules met, 1 not met, 1 without sufficient evidence; the designation rule (at least 2 needs 2 met): insufficient evidence: the 1 rule without sufficient evidence could decide it.',
    );
    expect(overall({ kind: 'all' }, [M, N, I]).explanation).toBe(
      '1 of 3 rules met, 1 not met, 1 without sufficient evidence; the designation rule (all 3 rules needs 3 met): does not meet, even if every rule without sufficient evidence were met.',
    );
    expect(overall({ kind: 'any' }, [N, N]).explanation).toBe(
      '0 of 2 rules met, 2 not met, 0 without sufficient evidence; the designation rule (any rule needs 1 met): does not meet.',
    );
    expect(overall({ kind: 'any' }, [M, N, I]).explanation).toBe(
      '1 of 3 rules met, 1 not met, 1 without sufficient evidence; the designation rule (any rule needs 1 met): meets.',
    );
  });

  it('names the set and the model, and keeps the rules in the set’s order', () => {
    const result = overall({ kind: 'any' }, [N, M]);
    expect(result.thresholdSet).toEqual({
      id: 'cyber-2026',
      version: 3,
      name: 'Cyber capability thresholds 2026',
    });
    expect(result.model).toEqual({ developer: 'Acme AI', name: 'frontier-1', version: '2026-10' });
    expect(result.rules.map((r) => r.ruleId)).toEqual(['r1', 'r2']);
  });
});
