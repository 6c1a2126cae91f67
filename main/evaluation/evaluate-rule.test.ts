import { describe, expect, it } from 'vitest';
import type { ThresholdRule } from '../thresholds';
import type { SampleScore } from './evidence';
import { evaluateRule } from './evaluate-rule';
import { intervalAtRate, proportionInterval, zOf } from './intervals';
import { RuleOutcomeSchema } from '../../common/evaluation/outcome';
import {
  evidenceLog,
  metric,
  modelEvidence,
  rule,
  scores,
} from '../../tests/support/evaluation-test-evidence';

// cybench, scorer "includes": accuracy 0.6 over 30 samples, 18 of them scored 1, and the
// log's stderr 0.045. The bounds are Wilson's for 18 of 30 unless a rule names another method
// (intervals.test.ts checks each method against published values).
const cybench = evidenceLog({
  metrics: [metric('includes', 'accuracy', 0.6, 30), metric('includes', 'stderr', 0.045, 30)],
});
const solved18of30 = {
  '1/includes': scores(...Array<number>(18).fill(1), ...Array<number>(12).fill(0)),
};
const wilson18of30 = proportionInterval('wilson', 18, 30);
const Z_95 = zOf(0.95);

function outcome(
  overrides: Partial<ThresholdRule>,
  logs = [cybench],
  samples: Readonly<Record<string, readonly SampleScore[]>> = solved18of30,
) {
  const result = evaluateRule(rule(overrides), modelEvidence(logs, samples));
  RuleOutcomeSchema.parse(result);
  return result;
}

describe('the confidence a rule names', () => {
  it('lower at 99%: the Wilson 99% interval of 18 of 30, named in the sentence', () => {
    const r = outcome({ basis: 'lower', confidence: 0.99, value: 0.3 });
    expect(r.confidence).toBe(0.99);
    expect(r.bound).toBe(proportionInterval('wilson', 18, 30, 0.99).low);
    expect(r.bound).toBeLessThan(wilson18of30.low);
    expect(r.explanation).toMatch(/^Wilson lower 99% bound 0\.3\d\d \(18 of 30 samples scored 1/);
  });

  it('a lower95 rule written before confidences existed means a lower bound at 95%', () => {
    const old = outcome({ basis: 'lower95', value: 0.4 });
    const now = outcome({ basis: 'lower', confidence: 0.95, value: 0.4 });
    expect(old.bound).toBe(now.bound);
    expect(old.bound).toBe(wilson18of30.low);
    expect(old.confidence).toBe(0.95);
    expect(old.explanation).toBe(now.explanation);
  });

  it('at 0 of n, the rule of three at the rule’s confidence', () => {
    const none = {
      '1/includes': scores(...Array<number>(30).fill(0)),
    };
    const zero = evidenceLog({ metrics: [metric('includes', 'accuracy', 0, 30)] });
    const r = outcome({ basis: 'upper', confidence: 0.9, operator: '<', value: 0.2 }, [zero], none);
    expect(r.bound).toBe(proportionInterval('wilson', 0, 30, 0.9).high);
    expect(r.explanation).toContain(
      `the exact one-sided 95% upper bound (each end of a 90% interval is one-sided 95%) is 1 − 0.05^(1/30) = ${(1 - 0.05 ** (1 / 30)).toFixed(3)}`,
    );
  });
});

describe('clustered samples', () => {
  // Six tasks in three competitions A, A, A, B, B, C scored 1, 1, 0, 0, 0, 1: mean 0.5;
  // per-cluster sums of deviations 0.5, −1, 0.5; Inspect's clustered stderr
  // √(3/2 · 1.5) / 6 = 0.25, against the independent √(0.25/6) = 0.204. The design effect
  // 0.25² / (0.25/6) = 1.5 gives an effective n of 6 / 1.5 = 4.
  const six = evidenceLog({ metrics: [metric('includes', 'accuracy', 0.5, 6)] });
  const samples = { '1/includes': scores(1, 1, 0, 0, 0, 1) };
  const competitions: Record<string, Record<string, string>> = {
    '1/competition': { s1: 'A', s2: 'A', s3: 'A', s4: 'B', s5: 'B', s6: 'C' },
  };
  const evaluate = (overrides: Partial<ThresholdRule>, clusters = competitions) => {
    const r = evaluateRule(
      rule({ basis: 'lower', value: 0.1, cluster: 'competition', ...overrides }),
      modelEvidence([six], samples, clusters),
    );
    RuleOutcomeSchema.parse(r);
    return r;
  };

  // Student's t quantiles from a t table: t(0.975; 5) = 2.570582, t(0.975; 2) = 4.302653,
  // t(0.75; 2) = 0.816497. Korn & Graubard's degrees-of-freedom factor (t_{n−1}/t_{C−1})²
  // with n = 6 samples in C = 3 clusters is (2.570582/4.302653)².
  const dfFactor = (2.570582 / 4.302653) ** 2;

  it('Wilson at the effective sample size of the clustered stderr, with Korn & Graubard’s df factor', () => {
    const r = evaluate({});
    expect(r.stderr).toBeCloseTo(0.25, 12);
    expect(r.stderrSource).toBe('clustered');
    expect(r.cluster?.clusters).toBe(3);
    expect(r.cluster?.effectiveN).toBeCloseTo(4 * dfFactor, 5);
    const expected = intervalAtRate('wilson', 0.5, 4 * dfFactor);
    expect(r.bound).toBeCloseTo(expected.low, 5);
    expect(r.bound).toBeLessThan(proportionInterval('wilson', 3, 6).low);
    expect(r.explanation).toContain(
      'clustered by "competition": 3 clusters, stderr 0.250, effective n 1.4',
    );
  });

  it('never narrower than the independent interval: the design effect is at least 1', () => {
    const paired = { '1/competition': { s1: 'A', s2: 'B', s3: 'A', s4: 'B', s5: 'C', s6: 'C' } };
    // Clusters A = (s1, s3) = (1, 0), B = (s2, s4) = (1, 0), C = (s5, s6) = (0, 1): every
    // cluster's deviations sum to 0, a clustered stderr of 0, so the effective n stays 6.
    const r = evaluate({}, paired);
    expect(r.cluster?.effectiveN).toBeCloseTo(6 * dfFactor, 5);
    expect(r.bound).toBeLessThan(proportionInterval('wilson', 3, 6).low);
  });

  it('the normal approximation around the clustered stderr when the rule asks for wald', () => {
    const r = evaluate({ interval: 'wald', confidence: 0.5 });
    expect(r.intervalMethod).toBe('wald');
    // observed − t(0.75; C − 1 = 2) · s_c.
    expect(r.bound).toBeCloseTo(0.5 - 0.816497 * 0.25, 6);
    expect(r.cluster?.effectiveN).toBeNull();
  });

  it('at 0 of n, where s_c is 0, counts each cluster as one sample', () => {
    const none = modelEvidence(
      [evidenceLog({ metrics: [metric('includes', 'accuracy', 0, 6)] })],
      { '1/includes': scores(0, 0, 0, 0, 0, 0) },
      competitions,
    );
    const r = evaluateRule(
      rule({ basis: 'upper', operator: '<', value: 0.5, cluster: 'competition' }),
      none,
    );
    expect(r.cluster?.effectiveN).toBeCloseTo(3 * dfFactor, 5);
    expect(r.bound).toBeCloseTo(intervalAtRate('wilson', 0, 3 * dfFactor).high, 5);
    expect(r.bound).toBeGreaterThan(proportionInterval('wilson', 0, 6).high);
  });

  it('is insufficient evidence when a sample has no such metadata, or all share one cluster', () => {
    const missing = evaluate({}, { '1/competition': { s1: 'A', s2: 'B' } });
    expect(missing.status).toBe('insufficient-evidence');
    expect(missing.explanation).toContain(
      'sample "s3" has no metadata "competition" to cluster by',
    );
    const one = evaluate(
      {},
      { '1/competition': { s1: 'A', s2: 'A', s3: 'A', s4: 'A', s5: 'A', s6: 'A' } },
    );
    expect(one.explanation).toContain('one cluster gives no clustered standard error');
  });
});

describe("a rule's own epoch reducer", () => {
  // Four tasks, three epochs each: a solved 1 of 3, b 3 of 3, c 0 of 3, d 2 of 3. The log
  // reduced them by mean: accuracy (1/3 + 1 + 0 + 2/3) / 4 = 0.5.
  const epochs = (sampleId: string, ...values: number[]) =>
    values.map((numeric, i) => ({
      sampleId,
      epoch: i + 1,
      numeric,
      errored: false,
      limited: false,
      invalidated: false,
    }));
  const runs = {
    '1/includes': [
      ...epochs('a', 1, 0, 0),
      ...epochs('b', 1, 1, 1),
      ...epochs('c', 0, 0, 0),
      ...epochs('d', 0, 1, 1),
    ],
  };
  const log = evidenceLog({ metrics: [metric('includes', 'accuracy', 0.5, 4)] });
  const evaluate = (overrides: Partial<ThresholdRule>) =>
    outcome({ basis: 'point', value: 0.5, ...overrides }, [log], runs);

  it('pass@2: 1 − C(n−c, 2)/C(3, 2) per task, averaged (2/3, 1, 0, 1 → 0.667)', () => {
    const r = evaluate({ reducer: 'pass_at_k', k: 2 });
    expect(r.observed).toBeCloseTo((2 / 3 + 1 + 0 + 1) / 4, 12);
    expect(r.n).toBe(4);
    expect(r.explanation).toContain(
      "Epochs: each sample's 3 epochs reduced to one score by pass@2 (the unbiased estimator of Chen et al. 2021).",
    );
  });

  it('pass^2: C(c, 2)/C(3, 2) per task (0, 1, 0, 1/3 → 0.333), below the mean', () => {
    const r = evaluate({ reducer: 'pass_hat_k', k: 2 });
    expect(r.observed).toBeCloseTo((0 + 1 + 0 + 1 / 3) / 4, 12);
    expect(r.status).toBe('not-met');
  });

  it('max: a proportion (3 of 4 tasks solved in some epoch), so Wilson', () => {
    const r = evaluate({ reducer: 'max', basis: 'lower', value: 0.1 });
    expect(r.observed).toBe(0.75);
    expect(r.successes).toBe(3);
    expect(r.bound).toBe(proportionInterval('wilson', 3, 4).low);
  });

  it('at_least_2 and median: Inspect’s reducers (1 of 3 fails both; 2 of 3 passes both)', () => {
    expect(evaluate({ reducer: 'at_least_k', k: 2 }).observed).toBe(0.5);
    expect(evaluate({ reducer: 'median' }).observed).toBe(0.5);
  });

  it('refuses k above the epochs a sample has, with the reason', () => {
    const r = evaluate({ reducer: 'pass_at_k', k: 5 });
    expect(r.status).toBe('insufficient-evidence');
    expect(r.explanation).toContain(
      'needs at least 5 scored epochs of every sample, and 4 of 4 samples have fewer (as few as 3)',
    );
  });

  it('pass@k scores are no proportion: the normal approximation, said so', () => {
    const r = evaluate({ reducer: 'pass_at_k', k: 2, basis: 'lower', value: 0.1 });
    expect(r.intervalMethod).toBe('wald');
    expect(r.explanation).toContain('so they are no proportion');
  });
});

describe('bounds and operators', () => {
  it('lower95 ≥ 0.4: Wilson lower bound 0.4232 for 18 of 30, met, with a sentence a reviewer can read', () => {
    const r = outcome({ basis: 'lower95', operator: '>=', value: 0.4 });
    expect(wilson18of30.low).toBeCloseTo(0.4232, 4);
    expect(r.status).toBe('met');
    expect(r.observed).toBe(0.6);
    expect(r.source).toBe('recomputed');
    expect(r.intervalMethod).toBe('wilson');
    expect(r.successes).toBe(18);
    expect(r.n).toBe(30);
    expect(r.bound).toBe(wilson18of30.low);
    expect(r.margin).toBeCloseTo(wilson18of30.low - 0.4, 12);
    expect(r.interval).toEqual([wilson18of30.low, wilson18of30.high]);
    expect(r.sourceLog).toEqual({
      bundleId: 1,
      bundleFile: 'run.evbundle',
      evaluator: { id: 'lab', name: 'Test Lab', claimedName: 'Test Lab' },
      runFinishedOn: '2026-03-01T10:00:00Z',
      logPath: 'logs/cybench.eval',
      task: 'cybench',
      scorer: 'includes',
    });
    expect(r.explanation).toBe(
      'Wilson lower 95% bound 0.423 (18 of 30 samples scored 1, observed 0.600, recomputed from logs/cybench.eval in run.evbundle) is ≥ 0.4 by 0.023: met.',
    );
  });

  it("reads the scorer's sample scores once for the policy and the interval together", () => {
    const evidence = modelEvidence([cybench], solved18of30);
    evaluateRule(rule({ basis: 'lower95', value: 0.4 }), evidence);
    expect(evidence.sampleReads).toEqual(['1/includes']);
  });

  it('lower95 > 0.45: not met, margin negative', () => {
    const r = outcome({ basis: 'lower95', operator: '>', value: 0.45 });
    expect(r.status).toBe('not-met');
    expect(r.margin).toBeCloseTo(wilson18of30.low - 0.45, 12);
    expect(r.explanation).toMatch(/is not > 0\.45 \(margin -0\.027\): not met\.$/);
  });

  it('upper95 < 0.8 is met and upper95 ≤ 0.7 is not: the upper bound 0.7541', () => {
    expect(wilson18of30.high).toBeCloseTo(0.7541, 4);
    const met = outcome({ basis: 'upper95', operator: '<', value: 0.8 });
    expect(met.status).toBe('met');
    expect(met.bound).toBe(wilson18of30.high);
    expect(met.margin).toBeCloseTo(0.8 - wilson18of30.high, 12);
    expect(met.explanation).toMatch(
      /^Wilson upper 95% bound 0\.754 \(18 of 30.*is < 0\.8 by 0\.046: met\.$/,
    );
    expect(outcome({ basis: 'upper95', operator: '<=', value: 0.7 }).status).toBe('not-met');
  });

  it.each([
    ['>=', 0.5, 'met', 0.1],
    ['>', 0.5, 'met', 0.1],
    ['<=', 0.5, 'not-met', -0.1],
    ['<', 0.5, 'not-met', -0.1],
    ['>=', 0.6, 'met', 0],
    ['>', 0.6, 'not-met', 0],
    ['<=', 0.6, 'met', 0],
    ['<', 0.6, 'not-met', 0],
    ['<=', 0.7, 'met', 0.1],
    ['<', 0.7, 'met', 0.1],
  ] as const)('point %s %d on observed 0.6: %s, margin %d', (operator, value, status, margin) => {
    const r = outcome({ basis: 'point', operator, value });
    expect(r.status).toBe(status);
    expect(r.bound).toBe(0.6);
    expect(r.margin).toBeCloseTo(margin, 12);
    // The interval is reported whatever the basis.
    expect(r.interval).toEqual([wilson18of30.low, wilson18of30.high]);
  });

  it('a point rule says observed, n and where from', () => {
    expect(outcome({ operator: '>=', value: 0.5 }).explanation).toBe(
      'Observed 0.600 (n 30, recomputed from logs/cybench.eval in run.evbundle) is ≥ 0.5 by 0.100: met.',
    );
  });

  it('Clopper–Pearson and Jeffreys when the rule names them', () => {
    const exact = outcome({ basis: 'lower95', interval: 'clopper-pearson', value: 0.4 });
    expect(exact.intervalMethod).toBe('clopper-pearson');
    expect(exact.bound).toBe(proportionInterval('clopper-pearson', 18, 30).low);
    expect(exact.explanation).toMatch(/^Clopper–Pearson \(exact\) lower 95% bound 0\.406 /);
    const jeffreys = outcome({ basis: 'lower95', interval: 'jeffreys', value: 0.4 });
    expect(jeffreys.bound).toBe(proportionInterval('jeffreys', 18, 30).low);
    expect(jeffreys.explanation).toMatch(/^Jeffreys lower 95% bound /);
  });

  it('1 of 20 solved: the bound stays inside [0, 1] (Wald around the stderr would give −0.048)', () => {
    const log = evidenceLog({
      metrics: [metric('includes', 'accuracy', 0.05, 20), metric('includes', 'stderr', 0.05, 20)],
    });
    const oneOf20 = { '1/includes': scores(1, ...Array<number>(19).fill(0)) };
    const r = outcome({ basis: 'lower95', operator: '>=', value: 0 }, [log], oneOf20);
    expect(r.bound).toBe(proportionInterval('wilson', 1, 20).low);
    expect(r.bound).toBeGreaterThan(0);
    expect(r.status).toBe('met');
  });

  it('Wald only when the rule asks, around the stderr of the scores, clipped to [0, 1], and it says what it is', () => {
    const r = outcome({ basis: 'lower95', interval: 'wald', value: 0.4 });
    // sd of 18 ones and 12 zeros over n − 1 is √(0.24 × 30/29); / √30 = 0.0909718.
    expect(r.stderr).toBeCloseTo(Math.sqrt((0.24 * 30) / 29) / Math.sqrt(30), 12);
    expect(r.stderrSource).toBe('samples');
    expect(r.bound).toBeCloseTo(0.6 - Z_95 * (r.stderr ?? Number.NaN), 12);
    expect(r.explanation).toContain('Wald lower 95% bound 0.422 (18 of 30 samples scored 1');
    expect(r.explanation).toContain(
      'the normal approximation, which covers less than 95% for samples this small and near 0 or 1, as the rule asks',
    );
    const low = outcome(
      { basis: 'lower95', interval: 'wald', value: 0 },
      [
        evidenceLog({
          metrics: [metric('includes', 'accuracy', 0.05, 20)],
        }),
      ],
      { '1/includes': scores(1, ...Array<number>(19).fill(0)) },
    );
    expect(low.bound).toBe(0);
  });

  it('none of 40 solved: the sentence gives the rule of three', () => {
    const log = evidenceLog({ metrics: [metric('includes', 'accuracy', 0, 40)] });
    const r = outcome({ basis: 'upper95', operator: '<', value: 0.1 }, [log], {
      '1/includes': scores(...Array<number>(40).fill(0)),
    });
    expect(r.status).toBe('met');
    expect(r.bound).toBe(proportionInterval('wilson', 0, 40).high);
    expect(r.explanation).toContain(
      'with none scored 1, the exact one-sided 97.5% upper bound (each end of a 95% interval is one-sided 97.5%) is 1 − 0.025^(1/40) = 0.088; the one-sided 95% bound 1 − 0.05^(1/40) = 0.072 is about 3/n (the rule of three)',
    );
  });
});

describe('the value compared', () => {
  it('uses the value Inspect recorded when the metric cannot be recomputed, and says so', () => {
    const log = evidenceLog({
      path: 'logs/doomla_3epochs.eval',
      metrics: [
        metric('captured_flags', 'mean_flags_captured_pct', 0.3, 1, {
          recomputed: null,
          status: 'not-recomputable',
        }),
      ],
    });
    const r = outcome({ metric: 'mean_flags_captured_pct', value: 0.25 }, [log]);
    expect(r.status).toBe('met');
    expect(r.observed).toBe(0.3);
    expect(r.source).toBe('claimed-only');
    expect(r.margin).toBeCloseTo(0.05, 12);
    expect(r.stderr).toBeNull();
    expect(r.interval).toBeNull();
    expect(r.explanation).toBe(
      'Observed 0.300 (n 1, claimed only: the value Inspect recorded in logs/doomla_3epochs.eval in run.evbundle, which cannot be recomputed from the samples) is ≥ 0.25 by 0.050: met.',
    );
  });

  it('prefers the recomputed value to the recorded one', () => {
    const log = evidenceLog({
      metrics: [metric('includes', 'accuracy', 0.6, 30, { claimed: 0.6000001 })],
    });
    expect(outcome({}, [log]).observed).toBe(0.6);
  });

  it('a log with no value (NaN on both sides) is insufficient evidence', () => {
    const log = evidenceLog({
      metrics: [metric('includes', 'accuracy', 0, 0, { claimed: null, recomputed: null })],
    });
    const r = outcome({}, [log]);
    expect(r.status).toBe('insufficient-evidence');
    expect(r.observed).toBeNull();
    expect(r.explanation).toBe(
      'logs/cybench.eval in run.evbundle holds no value for includes/accuracy (Inspect recorded none, or NaN, and the samples give none): insufficient evidence.',
    );
  });
});

describe('bounds from the samples, never from a number only the lab vouches for', () => {
  const noStderr = (value: number, n: number) =>
    evidenceLog({ metrics: [metric('includes', 'accuracy', value, n)] });

  it('epochs averaged per sample: (1,0), (1,1), (0,0) → 0.5, 1, 0 is no proportion: the normal approximation around 0.5/√3 = 0.28867513, clipped to 1', () => {
    const epochs = [
      { sampleId: 'a', epoch: 1, numeric: 1, errored: false, limited: false, invalidated: false },
      { sampleId: 'a', epoch: 2, numeric: 0, errored: false, limited: false, invalidated: false },
      { sampleId: 'b', epoch: 1, numeric: 1, errored: false, limited: false, invalidated: false },
      { sampleId: 'b', epoch: 2, numeric: 1, errored: false, limited: false, invalidated: false },
      { sampleId: 'c', epoch: 1, numeric: 0, errored: false, limited: false, invalidated: false },
      { sampleId: 'c', epoch: 2, numeric: 0, errored: false, limited: false, invalidated: false },
    ];
    const evidence = modelEvidence([noStderr(0.5, 3)], { '1/includes': epochs });
    const r = evaluateRule(rule({ basis: 'upper95', operator: '<=', value: 1 }), evidence);
    expect(r.stderr).toBeCloseTo(0.28867513, 8);
    expect(r.intervalMethod).toBe('wald');
    expect(r.successes).toBeNull();
    // 0.5 + 1.959964 × 0.28867513 = 1.0658 is past the range: the bound is 1.
    expect(r.bound).toBe(1);
    expect(r.status).toBe('met');
    expect(r.explanation).toContain('the scores are not all 0 or 1');
  });

  it('skips scores with no number', () => {
    const evidence = modelEvidence([noStderr(0.6, 5)], {
      '1/includes': [
        ...scores(1, 1, 1, 0, 0),
        {
          sampleId: 's6',
          epoch: 1,
          numeric: null,
          errored: false,
          limited: false,
          invalidated: false,
        },
      ],
    });
    expect(evaluateRule(rule({ basis: 'lower95' }), evidence).successes).toBe(3);
  });

  it('gives none when the samples do not reproduce the observed value (mean 0.4 ≠ 0.6)', () => {
    const evidence = modelEvidence([noStderr(0.6, 5)], { '1/includes': scores(1, 1, 0, 0, 0) });
    const r = evaluateRule(rule({ basis: 'lower95' }), evidence);
    expect(r.status).toBe('insufficient-evidence');
    expect(r.interval).toBeNull();
    expect(r.bound).toBeNull();
    expect(r.explanation).toBe(
      'No lower 95% bound: its sample scores do not reproduce the observed value over 5 samples, and the log records no stderr for scorer "includes" (logs/cybench.eval in run.evbundle, observed 0.600, n 5). Insufficient evidence.',
    );
  });

  it('gives none when the sample count differs from n (4 samples for n 5)', () => {
    const evidence = modelEvidence([noStderr(0.75, 5)], { '1/includes': scores(1, 1, 1, 0) });
    expect(evaluateRule(rule({ basis: 'lower95' }), evidence).interval).toBeNull();
  });

  it("gives none for a metric that is not a mean of the scores (its stderr is a mean's)", () => {
    // std 0.498 with the log's stderr 0.091 recomputed: that stderr is not std's.
    const log = evidenceLog({
      metrics: [metric('includes', 'std', 0.498, 30), metric('includes', 'stderr', 0.091, 30)],
    });
    const evidence = modelEvidence([log], { '1/includes': scores(1, 1, 1, 0, 0) });
    const r = evaluateRule(rule({ metric: 'std', basis: 'lower95', value: 0.3 }), evidence);
    expect(r.status).toBe('insufficient-evidence');
    expect(r.explanation).toContain('std is not a mean of sample scores');
  });

  it('gives none around a value only the lab recorded, whatever stderr the log has', () => {
    const log = evidenceLog({
      metrics: [
        metric('includes', 'accuracy', 0.95, 30, { recomputed: null, status: 'not-recomputable' }),
        metric('includes', 'stderr', 0.04, 30),
      ],
    });
    const r = outcome({ basis: 'lower95', value: 0.85 }, [log]);
    expect(r.status).toBe('insufficient-evidence');
    expect(r.interval).toBeNull();
    expect(r.explanation).toContain('the value is only what Inspect recorded');
  });

  it('gives none where the scores do not vary: a normal interval of width 0 decides nothing', () => {
    const log = evidenceLog({ metrics: [metric('includes', 'accuracy', 0.5, 3)] });
    const r = outcome({ basis: 'lower95', value: 0.5 }, [log], {
      '1/includes': scores(0.5, 0.5, 0.5),
    });
    expect(r.status).toBe('insufficient-evidence');
    expect(r.explanation).toContain('an interval of width 0');
    // 0 of 2 by Wald: insufficient; by Wilson (the default) an interval with the rule of three.
    const none = evidenceLog({ metrics: [metric('includes', 'accuracy', 0, 2)] });
    const zero = { '1/includes': scores(0, 0) };
    expect(
      outcome({ basis: 'upper95', operator: '<=', value: 0.01, interval: 'wald' }, [none], zero)
        .status,
    ).toBe('insufficient-evidence');
    expect(outcome({ basis: 'upper95', operator: '<=', value: 0.01 }, [none], zero).status).toBe(
      'not-met',
    );
  });

  it('without sample scores that reproduce it, the normal approximation around the stderr the reader recomputed, and it says so', () => {
    const r = outcome({ basis: 'lower95', value: 0.5 }, [cybench], {});
    expect(r.stderr).toBe(0.045);
    expect(r.stderrSource).toBe('recomputed');
    expect(r.intervalMethod).toBe('wald');
    expect(r.bound).toBeCloseTo(0.6 - Z_95 * 0.045, 12);
    expect(r.explanation).toBe(
      "Wald lower 95% bound 0.512 (n 30, observed 0.600, stderr 0.045, recomputed from logs/cybench.eval in run.evbundle; the normal approximation, which covers less than 95% for samples this small and near 0 or 1, around the log's stderr as recomputed from its samples) is ≥ 0.5 by 0.012: met.",
    );
  });

  it('never the stderr Inspect recorded that cannot be recomputed (a dummy parameter, a clustered one): claimed 0.0001', () => {
    const log = evidenceLog({
      metrics: [
        metric('includes', 'accuracy', 0.6, 30),
        metric('includes', 'stderr', 0.0001, 30, { recomputed: null, status: 'not-recomputable' }),
      ],
    });
    const r = outcome({ basis: 'lower95', value: 0.59 }, [log], {});
    expect(r.status).toBe('insufficient-evidence');
    expect(r.stderr).toBeNull();
    expect(r.explanation).toContain(
      "the log's stderr 0.0001 is only what Inspect recorded (it cannot be recomputed from the samples): a bound never rests on a number only the lab vouches for",
    );
    // With the samples, the bound is theirs, whatever the log claims.
    expect(outcome({ basis: 'lower95', value: 0.59 }, [log]).bound).toBe(wilson18of30.low);
  });

  it('never a recomputed stderr that is not a number', () => {
    const log = evidenceLog({
      metrics: [
        metric('includes', 'accuracy', 0.6, 30),
        metric('includes', 'stderr', 0.05, 30, { recomputed: Number.NaN, status: 'differs' }),
      ],
    });
    const r = outcome({ basis: 'lower95' }, [log], {});
    expect(r.status).toBe('insufficient-evidence');
    expect(r.explanation).toContain('the stderr recomputed from them is not a number');
  });

  it("uses only the rule's scorer's stderr", () => {
    const log = evidenceLog({
      metrics: [metric('includes', 'accuracy', 0.6, 30), metric('other', 'stderr', 0.01, 30)],
    });
    const r = outcome({ basis: 'lower95', scorer: 'includes' }, [log], {});
    expect(r.stderr).toBeNull();
    expect(r.status).toBe('insufficient-evidence');
  });
});

describe('insufficient evidence', () => {
  it('no log of the benchmark', () => {
    const r = outcome({ benchmark: 'intercode_ctf' });
    expect(r.status).toBe('insufficient-evidence');
    expect(r.observed).toBeNull();
    expect(r.sourceLog).toBeNull();
    expect(r.explanation).toBe(
      'No log of benchmark "intercode_ctf" with metric "accuracy": insufficient evidence.',
    );
  });

  it('logs of the benchmark, none with the metric, or none from the scorer', () => {
    expect(outcome({ metric: 'mean' }).explanation).toBe(
      '1 log of benchmark "cybench", but none records metric "mean": insufficient evidence.',
    );
    expect(outcome({ scorer: 'model_graded_qa' }).explanation).toBe(
      '1 log of benchmark "cybench", but none records metric "accuracy" from scorer "model_graded_qa": insufficient evidence.',
    );
  });

  it('fewer samples than minSamples (30 < 50), still showing what was observed', () => {
    const r = outcome({ minSamples: 50 });
    expect(r.status).toBe('insufficient-evidence');
    expect(r.observed).toBe(0.6);
    expect(r.n).toBe(30);
    expect(r.bound).toBeNull();
    expect(r.margin).toBeNull();
    expect(r.explanation).toBe(
      'Only 30 samples in logs/cybench.eval in run.evbundle (observed 0.600); the rule needs at least 50: insufficient evidence.',
    );
  });

  it('a bound short of samples says how many would decide it at the observed rate', () => {
    // The fewest n whose Wilson interval at exactly 0.6 of n is clear of 0.5; the normal
    // approximation's z²·p(1 − p)/(p − t)² would say 93.
    const clear = (n: number) => intervalAtRate('wilson', 0.6, n).low > 0.5;
    expect([clear(96), clear(97)]).toEqual([false, true]);
    const r = outcome({ basis: 'lower95', value: 0.5, minSamples: 50 });
    expect(r.status).toBe('insufficient-evidence');
    expect(r.explanation).toBe(
      'Only 30 samples in logs/cybench.eval in run.evbundle (observed 0.600); the rule needs at least 50: insufficient evidence. At the observed rate 0.600, 97 samples would put the Wilson 95% interval clear of 0.5.',
    );
    // 90% against 0.8: 62 by Wilson's lower bound, where the normal approximation says 35.
    const high = evidenceLog({ metrics: [metric('includes', 'accuracy', 0.9, 10)] });
    expect(
      outcome({ basis: 'lower95', value: 0.8, minSamples: 20 }, [high], {
        '1/includes': scores(...Array<number>(9).fill(1), 0),
      }).explanation,
    ).toContain('62 samples would put the Wilson 95% interval clear of 0.8');
    // At the threshold itself no number does; a point rule needs only its minimum.
    expect(outcome({ basis: 'lower95', value: 0.6, minSamples: 50 }).explanation).toContain(
      'no number of samples at that rate decides it',
    );
    expect(outcome({ basis: 'point', minSamples: 50 }).explanation).not.toContain('would put');
  });

  it('exactly minSamples is enough (30 ≥ 30)', () => {
    expect(outcome({ minSamples: 30 }).status).toBe('met');
  });

  it('a 95% bound from one sample (Inspect writes stderr 0 below two)', () => {
    const log = evidenceLog({
      metrics: [metric('includes', 'accuracy', 1, 1), metric('includes', 'stderr', 0, 1)],
    });
    const r = outcome({ basis: 'lower95' }, [log]);
    expect(r.status).toBe('insufficient-evidence');
    expect(r.stderr).toBeNull();
    expect(r.interval).toBeNull();
    expect(r.explanation).toMatch(/^A 95% bound needs at least two samples/);
    // The same evidence decides a point rule.
    expect(outcome({ basis: 'point' }, [log]).status).toBe('met');
  });

  it('a log whose metric Inspect recorded differently from its samples', () => {
    const log = evidenceLog({
      metrics: [metric('includes', 'accuracy', 0.6, 30, { claimed: 0.8, status: 'differs' })],
    });
    const r = outcome({}, [log]);
    expect(r.status).toBe('insufficient-evidence');
    expect(r.observed).toBe(0.6);
    expect(r.explanation).toBe(
      'In logs/cybench.eval in run.evbundle, Inspect recorded includes/accuracy = 0.8 but the samples give 0.6: the log contradicts itself, so it is not evidence. Insufficient evidence.',
    );
  });

  it('a bundle whose signed result differs from its log, by scorer/metric or by metric alone', () => {
    for (const claimMetric of ['includes/accuracy', 'accuracy']) {
      const log = evidenceLog({
        metrics: cybench.metrics,
        claims: [
          {
            benchmark: 'cybench',
            metric: claimMetric,
            value: 0.9,
            logValue: 0.6,
            status: 'differs',
          },
          {
            benchmark: 'cybench',
            metric: 'includes/stderr',
            value: 0.045,
            logValue: 0.045,
            status: 'match',
          },
        ],
      });
      const r = outcome({}, [log]);
      expect(r.status).toBe('insufficient-evidence');
      expect(r.claims).toEqual([
        { benchmark: 'cybench', metric: claimMetric, value: 0.9, logValue: 0.6, status: 'differs' },
      ]);
      expect(r.explanation).toBe(
        `The bundle run.evbundle signed cybench ${claimMetric} = 0.9, but its log logs/cybench.eval gives 0.6: the claim and its evidence disagree. Insufficient evidence.`,
      );
    }
  });

  it('a matching claim is listed and does not stand in the way', () => {
    const log = evidenceLog({
      metrics: cybench.metrics,
      claims: [
        {
          benchmark: 'cybench',
          metric: 'includes/accuracy',
          value: 0.6,
          logValue: 0.6,
          status: 'match',
        },
      ],
    });
    const r = outcome({}, [log]);
    expect(r.status).toBe('met');
    expect(r.claims).toHaveLength(1);
  });

  it('one log with the metric under two scorers and a rule that names none is ambiguous', () => {
    const log = evidenceLog({
      metrics: [metric('includes', 'accuracy', 0.6, 30), metric('match', 'accuracy', 0.2, 30)],
    });
    const r = outcome({}, [log]);
    expect(r.status).toBe('insufficient-evidence');
    expect(r.explanation).toBe(
      'logs/cybench.eval in run.evbundle records accuracy under several scorers (includes, match) and the rule names none, so which one counts is ambiguous: insufficient evidence.',
    );
    const named = outcome({ scorer: 'match' }, [log]);
    expect(named.status).toBe('not-met');
    expect(named.observed).toBe(0.2);
  });
});

describe('runs that did not finish', () => {
  const crashed = evidenceLog({ ...cybench, logId: 2, path: 'logs/crashed.eval', status: 'error' });

  it('a crashed run is not evidence for a rule unless the rule allows partial evidence, and the sentence says why', () => {
    const r = outcome({}, [crashed]);
    expect(r.status).toBe('insufficient-evidence');
    expect(r.explanation).toBe(
      'No log of benchmark "cybench" with metric "accuracy"; logs/crashed.eval in run.evbundle is a run that did not finish (status error), and the rule does not allow partial evidence: insufficient evidence.',
    );
    expect(outcome({ partialEvidence: true }, [crashed])).toMatchObject({
      status: 'met',
      sourceLog: { logPath: 'logs/crashed.eval' },
    });
  });

  it('a finished run is chosen over a later crashed one', () => {
    const later = evidenceLog({ ...crashed, runFinishedOn: '2026-04-01T10:00:00Z' });
    expect(outcome({}, [cybench, later]).sourceLog?.logPath).toBe('logs/cybench.eval');
  });
});

describe('errored and limited samples, as the rule says', () => {
  // A Cybench-like run: 40 tasks, 2 solved, 1 errored (unscored, as Inspect leaves it), 20
  // stopped at the message limit (scored 0). Inspect's accuracy is 2 of the 39 scored.
  const run = [
    ...scores(1, 1, ...Array<number>(17).fill(0)),
    { sampleId: 'err', epoch: 1, numeric: null, errored: true, limited: false, invalidated: false },
    ...Array.from({ length: 20 }, (_, i) => ({
      sampleId: `lim${i}`,
      epoch: 1,
      numeric: 0,
      errored: false,
      limited: true,
      invalidated: false,
    })),
  ];
  const log = evidenceLog({ metrics: [metric('includes', 'accuracy', 2 / 39, 39)] });
  const evaluate = (overrides: Partial<ThresholdRule>) =>
    outcome({ basis: 'lower95', value: 0.01, ...overrides }, [log], { '1/includes': run });

  it('as Inspect scored them by default, and the sentence says how many there were', () => {
    const r = evaluate({});
    expect(r.observed).toBeCloseTo(2 / 39, 12);
    expect(r.n).toBe(39);
    expect(r.explanation).toMatch(
      /Samples: 1 errored, taken as Inspect scored them \(unscored ones left out\); 20 at a limit, taken as Inspect scored them\.$/,
    );
  });

  it('errors as failures: 2 of 40, and the bound the statistician expects', () => {
    const r = evaluate({ errors: 'failure' });
    expect(r.observed).toBe(0.05);
    expect(r.n).toBe(40);
    expect(r.bound).toBe(proportionInterval('wilson', 2, 40).low);
    expect(r.explanation).toBe(
      'Wilson lower 95% bound 0.014 (2 of 40 samples scored 1, observed 0.050, recomputed from logs/cybench.eval in run.evbundle) is ≥ 0.01 by 0.004: met. Samples: 1 errored, counted as failures; 20 at a limit, taken as Inspect scored them.',
    );
  });

  it('a policy with no sample it applies to changes nothing', () => {
    expect(
      outcome({ basis: 'lower95', value: 0.4, errors: 'failure', limits: 'exclude' }).bound,
    ).toBe(wilson18of30.low);
  });

  it('limited samples left out: 2 of 19', () => {
    const r = evaluate({ limits: 'exclude' });
    expect(r.n).toBe(19);
    expect(r.successes).toBe(2);
    expect(r.explanation).toContain('20 at a limit, left out.');
  });

  it('samples invalidated after the run are left out and counted, whatever the policy', () => {
    const invalid = (sampleId: string, numeric: number) => ({
      sampleId,
      epoch: 1,
      numeric,
      errored: false,
      limited: false,
      invalidated: true,
    });
    // Inspect's accuracy still counts the two invalidated samples: 3 of 41.
    const withInvalid = evidenceLog({ metrics: [metric('includes', 'accuracy', 3 / 41, 41)] });
    const r = outcome({ basis: 'lower95', value: 0.01, errors: 'failure' }, [withInvalid], {
      '1/includes': [...run, invalid('leak1', 1), invalid('leak2', 0)],
    });
    expect(r.n).toBe(40);
    expect(r.successes).toBe(2);
    expect(r.bound).toBe(proportionInterval('wilson', 2, 40).low);
    expect(r.explanation).toMatch(
      /Samples: 2 invalidated after the run, left out; 1 errored, counted as failures; 20 at a limit, taken as Inspect scored them\.$/,
    );
  });

  it('with several epochs, counts the epochs that were invalidated, errored or limited', () => {
    const row = (sampleId: string, epoch: number, numeric: number | null, state = '') => ({
      sampleId,
      epoch,
      numeric,
      errored: state === 'errored',
      limited: false,
      invalidated: state === 'invalidated',
    });
    // s1: epoch 1 invalidated, epoch 2 errored (unscored); s2: epoch 1 solved, epoch 2 errored.
    const two = evidenceLog({ metrics: [metric('includes', 'accuracy', 1, 2)] });
    const r = outcome({ errors: 'failure' }, [two], {
      '1/includes': [
        row('s1', 1, 1, 'invalidated'),
        row('s1', 2, null, 'errored'),
        row('s2', 1, 1),
        row('s2', 2, null, 'errored'),
      ],
    });
    // s1 keeps its errored epoch as a failure (0), s2 averages 1 and 0: (0 + 0.5) / 2.
    expect(r.observed).toBe(0.25);
    expect(r.explanation).toMatch(
      /Sample epochs: 1 invalidated after the run, left out; 2 errored, counted as failures\.$/,
    );
  });

  it('an invalidated sample of a metric that is no mean of sample scores makes the rule insufficient', () => {
    const f1 = evidenceLog({ metrics: [metric('includes', 'f1', 0.4, 5)] });
    const r = outcome({ metric: 'f1' }, [f1], {
      '1/includes': [
        ...scores(1, 0, 1, 0),
        { sampleId: 'x', epoch: 1, numeric: 1, errored: false, limited: false, invalidated: true },
      ],
    });
    expect(r.status).toBe('insufficient-evidence');
    expect(r.explanation).toContain('samples invalidated after the run are left out');
  });

  it("a policy where the log's metric is another reducer's (max over epochs) is insufficient evidence", () => {
    // Epochs (1, 0) and (0, 0): the log's accuracy 0.5 is of max-reduced scores; the mean of
    // epoch averages is 0.25, so recomputing it under a policy would change the quantity.
    const maxed = evidenceLog({ metrics: [metric('includes', 'accuracy', 0.5, 2)] });
    const epochs = [
      { sampleId: 'a', epoch: 1, numeric: 1, errored: false, limited: false, invalidated: false },
      { sampleId: 'a', epoch: 2, numeric: 0, errored: false, limited: true, invalidated: false },
      { sampleId: 'b', epoch: 1, numeric: 0, errored: false, limited: false, invalidated: false },
      { sampleId: 'b', epoch: 2, numeric: 0, errored: false, limited: false, invalidated: false },
    ];
    const r = outcome({ limits: 'exclude' }, [maxed], { '1/includes': epochs });
    expect(r.status).toBe('insufficient-evidence');
    expect(r.explanation).toContain('do not reproduce the log');
  });

  it('a policy on a metric that is no mean of sample scores is insufficient evidence, saying why', () => {
    const f1 = evidenceLog({ metrics: [metric('includes', 'f1', 0.4, 39)] });
    const r = outcome({ metric: 'f1', errors: 'exclude' }, [f1], { '1/includes': run });
    expect(r.status).toBe('insufficient-evidence');
    expect(r.explanation).toBe(
      "In logs/cybench.eval in run.evbundle, the rule's policy for errored or limited samples recomputes the metric from the samples, and f1 is not a mean of sample scores: insufficient evidence.",
    );
  });
});
