/**
 * METR's time-horizon settings as the whole project names them: the engine (main/horizon),
 * `desk horizon` and a threshold rule's `horizon` take their choices and defaults from here
 * (docs/time-horizon.md).
 */

/** How runs are weighted (eval-analysis-public, compute_task_weights.py). */
export const WEIGHTINGS = ['equal', 'invsqrt'] as const;
export type Weighting = (typeof WEIGHTINGS)[number];

/** METR's regularization for its headline fits (reports/time-horizon-1-0/fig_params/figs.yaml). */
export const DEFAULT_REGULARIZATION = 0.1;

/** METR's n_bootstrap (reports/time-horizon-1-1/params.yaml). */
export const DEFAULT_RESAMPLES = 1000;
export const MAX_RESAMPLES = 100_000;
/** METR's base seed (default_rng(42 + i)); here it seeds one stream for all replicates. */
export const DEFAULT_SEED = 42;
