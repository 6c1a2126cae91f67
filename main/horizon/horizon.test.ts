import { describe, expect, it } from 'vitest';
import { estimateHorizons, horizonAt, logit } from './horizon';
import { fitLogistic } from './logistic-fit';
import { weightedOutcomes } from './outcomes';
import { syntheticRuns } from '../../tests/support/horizon-testkit';
import { taskWeights } from './weights';

const sigma = (z: number) => 1 / (1 + Math.exp(-z));

describe('horizonAt', () => {
  it('is h50 = 2^(−β₀/β₁) and h80 = 2^((logit 0.8 − β₀)/β₁), where σ(β₀ + β₁ log₂ h) = q', () => {
    const fit = { intercept: 2, coefficient: -0.5, iterations: 1 };
    const h50 = horizonAt(fit, 0.5);
    const h80 = horizonAt(fit, 0.8);
    expect(h50).toEqual({ kind: 'finite', minutes: 16 });
    // logit 0.8 = ln 4; (ln 4 − 2) / −0.5 = 4 − 2 ln 4 ≈ 1.2274, so h80 ≈ 2.3415 minutes.
    expect(h80).toEqual({
      kind: 'finite',
      minutes: expect.closeTo(2 ** (4 - 2 * Math.log(4)), 12) as number,
    });
    expect(h80.kind === 'finite' && h80.minutes).toBeCloseTo(2.3415, 4);
    for (const [q, h] of [
      [0.5, h50],
      [0.8, h80],
    ] as const) {
      if (h.kind !== 'finite') throw new Error('expected a horizon');
      expect(sigma(fit.intercept + fit.coefficient * Math.log2(h.minutes))).toBeCloseTo(q, 12);
    }
    expect(logit(0.8)).toBeCloseTo(Math.log(4), 15);
  });

  it('has no horizon when success does not fall with length (β₁ ≥ 0)', () => {
    for (const coefficient of [0, 0.3]) {
      expect(horizonAt({ intercept: 1, coefficient, iterations: 1 }, 0.5)).toEqual({
        kind: 'none',
        reason: 'success-does-not-fall',
      });
    }
    expect(horizonAt({ intercept: 1, coefficient: -1e-300, iterations: 1 }, 0.5)).toEqual({
      kind: 'none',
      reason: 'out-of-range',
    });
  });
});

describe('estimateHorizons', () => {
  it('fits the runs with their weights and reports p50 and p80 from that fit', () => {
    const runs = syntheticRuns(30);
    const estimate = estimateHorizons(runs, { weighting: 'invsqrt', regularization: 0.1 });
    const fit = fitLogistic(weightedOutcomes(runs, taskWeights(runs, 'invsqrt')), 0.1);
    expect(estimate).toEqual({
      fit,
      p50: { kind: 'finite', minutes: 2 ** (-fit.intercept / fit.coefficient) },
      p80: {
        kind: 'finite',
        minutes: expect.closeTo(
          2 ** ((Math.log(4) - fit.intercept) / fit.coefficient),
          12,
        ) as number,
      },
      weights: 'computed',
    });
    // The synthetic success rate is σ(2 − 0.6 log₂ t): a true p50 of 2^(10/3) ≈ 10 minutes.
    expect(estimate.p50.kind === 'finite' && estimate.p50.minutes).toBeGreaterThan(3);
    expect(estimate.p50.kind === 'finite' && estimate.p50.minutes).toBeLessThan(40);
  });

  it('has no fit when no run succeeded, or when every run fully succeeded', () => {
    const failed = syntheticRuns(5).map((run) => ({ ...run, score: 0 }));
    const none = estimateHorizons(failed, { weighting: 'equal', regularization: 0.1 });
    expect(none).toEqual({
      fit: null,
      p50: { kind: 'none', reason: 'no-successes' },
      p80: { kind: 'none', reason: 'no-successes' },
      weights: 'computed',
    });
    const solved = syntheticRuns(5).map((run) => ({ ...run, score: 1 }));
    expect(estimateHorizons(solved, { weighting: 'equal', regularization: 0.1 }).p50).toEqual({
      kind: 'none',
      reason: 'no-failures',
    });
  });

  it('refuses runs it cannot use', () => {
    const options = { weighting: 'equal', regularization: 0.1 } as const;
    const run = { taskId: 't', family: 'f', minutes: 5, score: 1 };
    expect(() => estimateHorizons([], options)).toThrow(/no runs/);
    expect(() => estimateHorizons([{ ...run, minutes: 0 }], options)).toThrow(/minutes/);
    expect(() => estimateHorizons([{ ...run, score: 1.5 }], options)).toThrow(/score/);
    expect(() => estimateHorizons([run, { ...run, family: 'g' }], options)).toThrow(/two families/);
  });
});
