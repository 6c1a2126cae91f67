import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, it } from 'vitest';
import { EvaluationSchema } from '../../common/evaluation/outcome';
import type { ThresholdRule } from '../thresholds';
import { evaluate } from './evaluate';
import { normalInterval, proportionInterval } from './intervals';
import { pValueOf } from './p-value';
import {
  evidenceLog,
  metric,
  modelEvidence,
  rule,
  scores,
  thresholdSet,
} from '../../tests/support/evaluation-test-evidence';

describe("a bound rule's one-sided p-value", () => {
  it("Clopper–Pearson's is the exact binomial test's: P(X ≥ x | n, v)", () => {
    // Clopper and Pearson's interval inverts the exact test (Clopper & Pearson 1934), so its
    // lower end clears v at 1 − 2α exactly when P(X ≥ x) ≤ α under v.
    for (const [x, n, v] of [
      [18, 30, 0.4],
      [2, 40, 0.01],
      [9, 10, 0.5],
    ] as const) {
      const p = pValueOf('lower', '>=', v, (c) => proportionInterval('clopper-pearson', x, n, c));
      expect(p).toBeCloseTo(1 - binomialCdf(x - 1, n, v), 9);
    }
  });

  it("Wald's is the normal tail 1 − Φ((observed − v)/stderr)", () => {
    const p = pValueOf('lower', '>=', 0.4, (c) => normalInterval(0.6, 0.09, c));
    expect(p).toBeCloseTo(1 - normalCdf((0.6 - 0.4) / 0.09, 0, 1), 9);
    // An upper bound compared by ≤ is the other tail.
    const q = pValueOf('upper', '<=', 0.7, (c) => normalInterval(0.6, 0.09, c));
    expect(q).toBeCloseTo(normalCdf((0.6 - 0.7) / 0.09, 0, 1), 9);
  });

  it('is 1 when not even the estimate is clear, and none for a comparison the other way', () => {
    expect(pValueOf('lower', '>=', 0.7, (c) => normalInterval(0.6, 0.09, c))).toBe(1);
    expect(pValueOf('lower', '<=', 0.7, (c) => normalInterval(0.6, 0.09, c))).toBeNull();
  });
});

describe('Holm–Bonferroni over the bound rules', () => {
  // Three benchmarks, 30 tasks each, solved 21, 19 and 18 times; each rule: Clopper–Pearson
  // lower 95% bound ≥ 0.4. Their exact p-values P(X ≥ x | 30, 0.4) are 0.00086, 0.00830 and
  // 0.0212, each at most α = 0.025, so each is met on its own; Holm holds them to 0.025/3,
  // 0.025/2 and 0.025, and all three hold.
  const solved = (logId: number, task: string, x: number) => ({
    log: evidenceLog({
      logId,
      path: `logs/${task}.eval`,
      task,
      metrics: [metric('s', 'accuracy', x / 30, 30)],
    }),
    samples: [
      `${logId}/s`,
      scores(...Array<number>(x).fill(1), ...Array<number>(30 - x).fill(0)),
    ] as const,
  });
  const runs = [solved(1, 'a', 21), solved(2, 'b', 19), solved(3, 'c', 18)];
  const evidence = modelEvidence(
    runs.map((r) => r.log),
    Object.fromEntries(runs.map((r) => r.samples)),
  );
  const bound = (benchmark: string): ThresholdRule =>
    rule({
      id: benchmark,
      benchmark,
      basis: 'lower',
      interval: 'clopper-pearson',
      value: 0.4,
    });
  const exactP = (x: number) => 1 - binomialCdf(x - 1, 30, 0.4);

  function evaluated(rules: readonly ThresholdRule[]) {
    const result = evaluate(
      { ...thresholdSet(rules, { kind: 'any' }), multipleComparisons: 'holm' },
      evidence,
    );
    EvaluationSchema.parse(result);
    return result;
  }

  it('ranks the rules by p-value and holds rank j to α/(m − j + 1)', () => {
    const result = evaluated([bound('c'), bound('a'), bound('b')]);
    const [c, a, b] = result.rules;
    expect(a?.pValue).toBeCloseTo(exactP(21), 9);
    expect(a?.familywise).toMatchObject({ rules: 3, rank: 1, holds: true });
    expect(a?.familywise?.level).toBeCloseTo(0.025 / 3, 15);
    expect(b?.familywise).toMatchObject({ rank: 2, holds: true });
    expect(c?.familywise).toMatchObject({ rank: 3, holds: true });
    expect(result.rules.every((r) => r.status === 'met')).toBe(true);
    // The bound compared is the one at the rank's level: 1 − 2·0.025/3 two-sided.
    expect(a?.bound).toBe(proportionInterval('clopper-pearson', 21, 30).low);
    expect(a?.familywise?.bound).toBeCloseTo(
      proportionInterval('clopper-pearson', 21, 30, 1 - 0.05 / 3).low,
      12,
    );
    expect(result.multipleComparisons).toBe('holm');
    expect(result.explanation).toContain('Bound rules adjusted by Holm–Bonferroni (3 ranked).');
    expect(a?.explanation).toContain(
      'Holm–Bonferroni over 3 bound rules at one-sided 2.5%: rank 1, p 0.00',
    );
  });

  it('a rule met on its own is not met once an earlier rank fails, and says why', () => {
    // A fourth benchmark solved 16 of 30 (p 0.097, not met on its own) makes m = 4: levels
    // 0.025/4, /3, /2 and /1. Ranks 1 and 2 hold (0.00086 ≤ 0.00625, 0.00830 ≤ 0.00833);
    // rank 3, c, met on its own, fails (0.0212 > 0.0125) and so does everything after it.
    const weak = solved(4, 'd', 16);
    const withWeak = modelEvidence(
      [...runs.map((r) => r.log), weak.log],
      Object.fromEntries([...runs.map((r) => r.samples), weak.samples]),
    );
    const result = evaluate(
      {
        ...thresholdSet([bound('a'), bound('b'), bound('c'), bound('d')]),
        multipleComparisons: 'holm',
      },
      withWeak,
    );
    const ps = [21, 19, 18].map(exactP);
    const levels = [4, 3, 2].map((k) => 0.025 / k);
    let stopped = false;
    result.rules.slice(0, 3).forEach((r, i) => {
      const holds = !stopped && (ps[i] ?? 1) <= (levels[i] ?? 0);
      if (!holds) stopped = true;
      expect(r.familywise?.holds, r.ruleId).toBe(holds);
      expect(r.status, r.ruleId).toBe(holds ? 'met' : 'not-met');
    });
    expect(result.rules.map((r) => r.status)).toEqual(['met', 'met', 'not-met', 'not-met']);
    expect(result.rules[2]?.explanation).toContain(
      'it does not hold for the family, so the rule is not met.',
    );
  });

  it('a bound compared the other way cannot be ranked, so a met one is not met for the family', () => {
    const odd = rule({ id: 'odd', benchmark: 'a', basis: 'lower', operator: '<=', value: 0.9 });
    const result = evaluated([bound('b'), odd]);
    expect(evaluate(thresholdSet([odd]), evidence).rules[0]?.status).toBe('met');
    expect(result.rules[1]).toMatchObject({ status: 'not-met', familywise: null });
    expect(result.rules[1]?.explanation).toContain('cannot rank it');
  });

  it('without holm every rule is taken at its own confidence, and no rule is ranked', () => {
    const result = evaluate(thresholdSet([bound('a'), bound('b'), bound('c')]), evidence);
    expect(result.multipleComparisons).toBe('none');
    expect(result.rules.every((r) => r.familywise === null && r.status === 'met')).toBe(true);
  });
});
