/**
 * METR's time-horizon analysis (docs/time-horizon.md): the length of task, in human-expert
 * minutes, at which an agent's modelled success rate is 50% or 80%, with hierarchical
 * bootstrap intervals. The engine is pure (runs in, numbers out); readRunsFile reads METR's
 * public runs format for `desk horizon`.
 */
export type { HorizonRun } from './run';
export {
  WEIGHTINGS,
  resolveWeights,
  taskWeights,
  type ResolvedWeights,
  type Weighting,
} from './weights';
export { weightedOutcomes, type WeightedOutcome } from './outcomes';
export { LogisticFitError, MAX_NEWTON_STEPS, fitLogistic, type LogisticFit } from './logistic-fit';
export {
  DEFAULT_REGULARIZATION,
  estimateHorizons,
  horizonAt,
  logit,
  type Horizon,
  type HorizonEstimate,
  type HorizonOptions,
  type NoHorizon,
} from './horizon';
export {
  CONFIDENCE,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  MAX_RESAMPLES,
  bootstrapHorizons,
  percentile,
  percentileInterval,
  type BootstrapOptions,
  type BootstrapSummary,
  type Interval,
} from './bootstrap';
export { Xoshiro128StarStar } from './random';
export {
  bootstrapTask,
  type BootstrapAnswer,
  type BootstrapJob,
  type BootstrapTask,
} from './bootstrap-task';
export {
  RUNS_FILE_LIMITS,
  readRunsFile,
  type AgentRuns,
  type RunsFileLimits,
  type WeightColumn,
} from './runs';
