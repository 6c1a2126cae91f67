/**
 * For the tests only (nothing else imports it): an independent solution of the fit's
 * objective, and synthetic runs. The solver shares no code or method with logistic-fit.ts:
 * no Newton step, no Hessian, no split into 0/1 outcomes. It finds the zero of the
 * objective's gradient by nested bisection: for a given β₁ the intercept gradient
 * Σ wᵢ (σ(β₀ + β₁xᵢ) − yᵢ) rises with β₀, and along that curve the slope gradient
 * C Σ wᵢ (σ − yᵢ) xᵢ + β₁ rises with β₁ (the objective is convex).
 */
import type { HorizonRun } from '../../main/horizon';

/** A run as the objective sees it: y may be fractional (cross-entropy with target y). */
export interface ReferencePoint {
  readonly x: number;
  readonly y: number;
  readonly w: number;
}

export function referenceFit(
  points: readonly ReferencePoint[],
  regularization: number,
): { intercept: number; coefficient: number } {
  const c = 1 / regularization;
  const sigma = (z: number) => 1 / (1 + Math.exp(-z));
  const interceptFor = (b1: number) =>
    zeroOf((b0) => points.reduce((sum, p) => sum + p.w * (sigma(b0 + b1 * p.x) - p.y), 0));
  const coefficient = zeroOf((b1) => {
    const b0 = interceptFor(b1);
    return c * points.reduce((sum, p) => sum + p.w * (sigma(b0 + b1 * p.x) - p.y) * p.x, 0) + b1;
  });
  return { intercept: interceptFor(coefficient), coefficient };
}

/** The zero of an increasing function, by bracketing and bisection to 1e-15 relative. */
function zeroOf(f: (v: number) => number): number {
  let lo = -1;
  let hi = 1;
  while (f(lo) > 0) lo *= 2;
  while (f(hi) < 0) hi *= 2;
  while (hi - lo > 1e-15 * Math.max(1, Math.abs(lo), Math.abs(hi))) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** A deterministic number in [0, 1) from an index (the classic sine hash), for test data. */
export function hashUnit(i: number): number {
  const v = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return v - Math.floor(v);
}

/**
 * Runs of one agent whose success falls with task length: `families` families of 1 … 4
 * tasks, 1 … 3 runs each, human minutes log-uniform over 1 … 960, success drawn with
 * probability σ(2 − 0.6 log₂ minutes) (a p50 near 10 minutes); `fractional` gives every
 * fifth run a partial score instead.
 */
export function syntheticRuns(families: number, fractional = false): HorizonRun[] {
  const runs: HorizonRun[] = [];
  let k = 0;
  for (let f = 0; f < families; f++) {
    const tasks = 1 + (f % 4);
    for (let t = 0; t < tasks; t++) {
      const minutes = 2 ** (hashUnit(1000 + 10 * f + t) * Math.log2(960));
      const p = 1 / (1 + Math.exp(-(2 - 0.6 * Math.log2(minutes))));
      for (let r = 0; r < 1 + ((f + t) % 3); r++) {
        k++;
        const score = fractional && k % 5 === 0 ? hashUnit(k + 0.5) : hashUnit(k) < p ? 1 : 0;
        runs.push({ taskId: `family-${f}/task-${t}`, family: `family-${f}`, minutes, score });
      }
    }
  }
  return runs;
}
