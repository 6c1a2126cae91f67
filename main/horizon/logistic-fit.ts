/**
 * The L2-regularised weighted logistic regression METR fits with scikit-learn's
 * `LogisticRegression(C = 1 / regularization)` (eval-analysis-public,
 * src/horizon/utils/logistic.py): it minimises
 *
 *   C · Σᵢ wᵢ · [−yᵢ log pᵢ − (1 − yᵢ) log(1 − pᵢ)] + ½ β₁²,   pᵢ = σ(β₀ + β₁ xᵢ),
 *
 * scikit-learn's objective (user guide, "Logistic regression", binary case) with the
 * intercept β₀ not penalised (its default lbfgs solver leaves the intercept out of the
 * penalty). With two parameters the objective's Hessian is 2×2 and solved in closed form,
 * so this is Newton's method with a backtracking line search: strictly convex whenever both
 * outcomes carry weight, it converges to the one minimum in a handful of steps.
 */
import type { WeightedOutcome } from './outcomes';

export interface LogisticFit {
  /** β₀. */
  readonly intercept: number;
  /** β₁, per doubling of the task's human minutes (x = log₂ minutes). */
  readonly coefficient: number;
  /** Newton steps taken. */
  readonly iterations: number;
}

/** The fit did not converge; the message says what happened. */
export class LogisticFitError extends Error {
  override readonly name = 'LogisticFitError';
}

export const MAX_NEWTON_STEPS = 100;
/** A step this small relative to the parameters (plus 1) ends the search. */
const STEP_TOLERANCE = 1e-10;
/** Armijo's sufficient-decrease constant and the halvings a step may take. */
const ARMIJO = 1e-4;
const MAX_HALVINGS = 60;
/**
 * How far above the current objective, relative to it, a step may land and still count as
 * no worse: near the minimum the decrease a Newton step makes is below the objective's own
 * rounding error, and without this slack every full step there would be refused.
 */
const ROUNDING = 1024 * Number.EPSILON;

/**
 * Minimises the objective above over (β₀, β₁). Both outcomes must carry weight (with only
 * successes or only failures the infimum is at β₀ = ±∞, and there is no fit); weights need
 * not sum to 1, but METR's do, and C is relative to their sum.
 */
export function fitLogistic(
  outcomes: readonly WeightedOutcome[],
  regularization: number,
): LogisticFit {
  if (!(Number.isFinite(regularization) && regularization > 0))
    throw new RangeError('regularization must be a finite number above 0');
  if (
    !outcomes.some((o) => o.y === 1 && o.weight > 0) ||
    !outcomes.some((o) => o.y === 0 && o.weight > 0)
  )
    throw new RangeError('a logistic fit needs weight on both successes and failures');
  const c = 1 / regularization;
  let b0 = 0;
  let b1 = 0;
  let value = objective(outcomes, c, b0, b1);
  for (let step = 1; step <= MAX_NEWTON_STEPS; step++) {
    const { g0, g1, h00, h01, h11 } = derivatives(outcomes, c, b0, b1);
    const det = h00 * h11 - h01 * h01;
    // A Hessian whose determinant underflowed (every pᵢ saturated) falls back to its diagonal.
    const [d0, d1] =
      det > 0 && Number.isFinite(det)
        ? [(h01 * g1 - h11 * g0) / det, (h01 * g0 - h00 * g1) / det]
        : [-g0 / Math.max(h00, Number.MIN_VALUE), -g1 / h11];
    if (small(d0, b0) && small(d1, b1)) {
      return { intercept: b0 + d0, coefficient: b1 + d1, iterations: step };
    }
    const slope = g0 * d0 + g1 * d1;
    const slack = ROUNDING * Math.abs(value);
    let t = 1;
    let next = objective(outcomes, c, b0 + d0, b1 + d1);
    for (let halvings = 0; !(next <= value + ARMIJO * t * slope + slack); halvings++) {
      if (halvings === MAX_HALVINGS)
        throw new LogisticFitError(
          `the logistic fit stalled at Newton step ${step} (β₀ ${b0}, β₁ ${b1}): no step along the Newton direction lowers the objective`,
        );
      t /= 2;
      next = objective(outcomes, c, b0 + t * d0, b1 + t * d1);
    }
    b0 += t * d0;
    b1 += t * d1;
    value = next;
  }
  throw new LogisticFitError(
    `the logistic fit did not converge in ${MAX_NEWTON_STEPS} Newton steps (β₀ ${b0}, β₁ ${b1})`,
  );
}

function small(delta: number, value: number): boolean {
  return Math.abs(delta) <= STEP_TOLERANCE * (1 + Math.abs(value));
}

/** The penalised loss; log(1 + e^z) computed without overflow. */
function objective(
  outcomes: readonly WeightedOutcome[],
  c: number,
  b0: number,
  b1: number,
): number {
  let loss = 0;
  for (const o of outcomes) {
    const z = b0 + b1 * o.x;
    loss += o.weight * softplus(o.y === 1 ? -z : z);
  }
  return c * loss + 0.5 * b1 * b1;
}

function derivatives(outcomes: readonly WeightedOutcome[], c: number, b0: number, b1: number) {
  let g0 = 0;
  let g1 = 0;
  let h00 = 0;
  let h01 = 0;
  let h11 = 0;
  for (const o of outcomes) {
    const p = sigmoid(b0 + b1 * o.x);
    const r = o.weight * (p - o.y);
    const v = o.weight * p * (1 - p);
    g0 += r;
    g1 += r * o.x;
    h00 += v;
    h01 += v * o.x;
    h11 += v * o.x * o.x;
  }
  return { g0: c * g0, g1: c * g1 + b1, h00: c * h00, h01: c * h01, h11: c * h11 + 1 };
}

function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
