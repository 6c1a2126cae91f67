import { describe, expect, it } from 'vitest';
import { fitLogistic, LogisticFitError } from './logistic-fit';
import { weightedOutcomes } from './outcomes';
import { referenceFit, syntheticRuns } from '../../tests/support/horizon-testkit';
import { taskWeights } from './weights';

describe('fitLogistic', () => {
  it('agrees with an independent solution of the same objective (binary scores)', () => {
    const runs = syntheticRuns(30);
    const weights = taskWeights(runs, 'invsqrt');
    for (const regularization of [0.1, 1, 0.01]) {
      const fit = fitLogistic(weightedOutcomes(runs, weights), regularization);
      const reference = referenceFit(
        runs.map((run, i) => ({ x: Math.log2(run.minutes), y: run.score, w: weights[i] ?? 0 })),
        regularization,
      );
      expect(Math.abs(fit.coefficient - reference.coefficient)).toBeLessThan(1e-8);
      expect(Math.abs(fit.intercept - reference.intercept)).toBeLessThan(1e-8);
      expect(fit.coefficient).toBeLessThan(0);
      expect(fit.iterations).toBeLessThan(15);
    }
  });

  it('fits split fractional scores as the cross-entropy with fractional targets', () => {
    const runs = syntheticRuns(30, true);
    expect(runs.some((run) => run.score > 0 && run.score < 1)).toBe(true);
    const weights = taskWeights(runs, 'equal');
    const fit = fitLogistic(weightedOutcomes(runs, weights), 0.1);
    // The reference takes each fractional score whole, as the target of its log loss.
    const reference = referenceFit(
      runs.map((run, i) => ({ x: Math.log2(run.minutes), y: run.score, w: weights[i] ?? 0 })),
      0.1,
    );
    expect(Math.abs(fit.coefficient - reference.coefficient)).toBeLessThan(1e-8);
    expect(Math.abs(fit.intercept - reference.intercept)).toBeLessThan(1e-8);
  });

  it('reproduces the published maximum-likelihood fit when the penalty is negligible', () => {
    // The "hours of study vs passing an exam" data of Wikipedia's Logistic regression
    // article, whose R glm fit is intercept −4.077713, hours 1.504645 (R's
    // model$coefficients as printed there). With C = 10^9 the ½β₁² penalty moves β₁ by
    // about 10^-9, so the penalised fit is the unpenalised one to six decimals.
    const hours = [
      0.5, 0.75, 1, 1.25, 1.5, 1.75, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 4, 4.25, 4.5, 4.75, 5,
      5.5,
    ];
    const pass = [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1];
    const outcomes = hours.map((x, i) => ({
      x,
      y: pass[i] === 1 ? (1 as const) : (0 as const),
      weight: 1 / 20,
    }));
    const fit = fitLogistic(outcomes, 1e-9);
    expect(fit.intercept).toBeCloseTo(-4.077713, 6);
    expect(fit.coefficient).toBeCloseTo(1.504645, 6);
    // The default regularization shrinks the slope, as scikit-learn's C = 10 would.
    const regularised = fitLogistic(outcomes, 0.1);
    const reference = referenceFit(
      outcomes.map((o) => ({ x: o.x, y: o.y, w: o.weight })),
      0.1,
    );
    expect(Math.abs(regularised.coefficient - reference.coefficient)).toBeLessThan(1e-8);
    expect(regularised.coefficient).toBeLessThan(fit.coefficient);
  });

  it('leaves the intercept unpenalised: an uninformative x gives the weighted log-odds', () => {
    // All at one task length: β₁ only adds penalty, so β₁ = 0 and σ(β₀) is the weighted
    // success rate, 0.3 here, whatever the regularization.
    const outcomes = [
      { x: 3, y: 1 as const, weight: 0.3 },
      { x: 3, y: 0 as const, weight: 0.7 },
    ];
    for (const regularization of [0.1, 10]) {
      const fit = fitLogistic(outcomes, regularization);
      expect(fit.intercept).toBeCloseTo(Math.log(0.3 / 0.7), 12);
      expect(fit.coefficient).toBeCloseTo(0, 12);
    }
  });

  it('says so clearly when it does not converge', () => {
    // Perfectly separated outcomes with next to no penalty: the minimum runs off towards
    // |β| → ∞ and the Newton steps cannot reach it in MAX_NEWTON_STEPS.
    const separated = [1, 2, 3, 4, 5, 6].map((x) => ({
      x,
      y: x < 3.5 ? (1 as const) : (0 as const),
      weight: 1 / 6,
    }));
    expect(() => fitLogistic(separated, 1e-12)).toThrow(LogisticFitError);
    expect(() => fitLogistic(separated, 1e-12)).toThrow(/did not converge in 100 Newton steps/);
    // The same data with METR's regularization has a fit.
    expect(fitLogistic(separated, 0.1).coefficient).toBeLessThan(0);
  });

  it('refuses outcomes of one kind only, and a regularization that is not positive', () => {
    const successes = [{ x: 1, y: 1 as const, weight: 1 }];
    expect(() => fitLogistic(successes, 0.1)).toThrow(/both successes and failures/);
    const both = [...successes, { x: 2, y: 0 as const, weight: 1 }];
    expect(() => fitLogistic(both, 0)).toThrow(/regularization/);
    expect(() => fitLogistic(both, Number.NaN)).toThrow(/regularization/);
  });
});
