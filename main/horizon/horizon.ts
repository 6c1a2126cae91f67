/**
 * Time horizons (Kwa et al., "Measuring AI Ability to Complete Long Tasks", METR 2025): with
 * success modelled as σ(β₀ + β₁ log₂ t), the task length at which the modelled success rate
 * is q is h_q = 2^((logit q − β₀) / β₁), as eval-analysis-public's get_x_for_quantile
 * computes it (src/horizon/utils/logistic.py). It is a horizon only when success falls
 * with length (β₁ < 0); otherwise there is none to report.
 */
import { fitLogistic, type LogisticFit } from './logistic-fit';
import { weightedOutcomes } from './outcomes';
import { checkRuns, type HorizonRun } from './run';
import { resolveWeights, type Weighting } from './weights';

export { DEFAULT_REGULARIZATION } from '../../common/horizon';

export type NoHorizon =
  /** β₁ ≥ 0: the modelled success rate does not fall as tasks get longer. */
  | 'success-does-not-fall'
  /** No run succeeded at all (no weight on a success): there is no fit. */
  | 'no-successes'
  /** Every run succeeded fully: there is no fit, and no length at which success falls. */
  | 'no-failures'
  /** 2^(…) is beyond the range of a double (β₁ is ≈ 0). */
  | 'out-of-range';

export type Horizon =
  | { readonly kind: 'finite'; readonly minutes: number }
  | { readonly kind: 'none'; readonly reason: NoHorizon };

export function logit(q: number): number {
  return Math.log(q / (1 - q));
}

/** h_q of a fit. */
export function horizonAt(fit: LogisticFit, q: number): Horizon {
  if (!(fit.coefficient < 0)) return { kind: 'none', reason: 'success-does-not-fall' };
  const minutes = 2 ** ((logit(q) - fit.intercept) / fit.coefficient);
  if (!(minutes > 0 && Number.isFinite(minutes))) return { kind: 'none', reason: 'out-of-range' };
  return { kind: 'finite', minutes };
}

export interface HorizonOptions {
  readonly weighting: Weighting;
  /** 1 / C; METR uses 0.1. */
  readonly regularization: number;
}

export type RunsFit =
  | { readonly kind: 'fitted'; readonly fit: LogisticFit }
  | { readonly kind: 'no-successes' }
  | { readonly kind: 'no-failures' };

/** The fit of `runs` with their `weights`, or why there is none. */
export function fitRuns(
  runs: readonly HorizonRun[],
  weights: readonly number[],
  regularization: number,
): RunsFit {
  const outcomes = weightedOutcomes(runs, weights);
  if (!outcomes.some((o) => o.y === 1)) return { kind: 'no-successes' };
  if (!outcomes.some((o) => o.y === 0)) return { kind: 'no-failures' };
  return { kind: 'fitted', fit: fitLogistic(outcomes, regularization) };
}

export interface HorizonEstimate {
  /** Null when there is no fit (the p50 and p80 say why). */
  readonly fit: LogisticFit | null;
  readonly p50: Horizon;
  readonly p80: Horizon;
  /** Whether the runs' own weights were used or METR's weighting computed. */
  readonly weights: 'given' | 'computed';
}

/** The point estimate of one agent's horizons from its runs. */
export function estimateHorizons(
  runs: readonly HorizonRun[],
  options: HorizonOptions,
): HorizonEstimate {
  checkRuns(runs);
  const { weights, source } = resolveWeights(runs, options.weighting);
  const result = fitRuns(runs, weights, options.regularization);
  if (result.kind !== 'fitted') {
    const none: Horizon = { kind: 'none', reason: result.kind };
    return { fit: null, p50: none, p80: none, weights: source };
  }
  return {
    fit: result.fit,
    p50: horizonAt(result.fit, 0.5),
    p80: horizonAt(result.fit, 0.8),
    weights: source,
  };
}
