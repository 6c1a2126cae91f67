/**
 * The threshold set, in plaintext (docs/formats.md): classified rules over benchmark
 * metrics and the designation rule that combines them. This plaintext exists only in
 * main-process memory of an unlocked, authorised user; at rest it is always encrypted.
 */
import { z } from 'zod';
import { SlugSchema } from '../text';
import {
  DEFAULT_REGULARIZATION,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  MAX_RESAMPLES,
  WEIGHTINGS,
} from '../horizon';

export const THRESHOLD_SET_TYPE = 'designation-desk/threshold-set/v1';

export const OPERATORS = ['>=', '>', '<=', '<'] as const;
export type Operator = (typeof OPERATORS)[number];

/**
 * What is compared with the threshold: the observed value, or an end of the confidence
 * interval at the rule's `confidence`. `lower95` and `upper95` are the older names of a
 * lower or upper bound at 95%, and keep that meaning.
 */
export const BASES = ['point', 'lower', 'upper', 'lower95', 'upper95'] as const;
export type Basis = (typeof BASES)[number];

/** The default confidence of an interval, and the only one of a lower95 or upper95 rule. */
export const DEFAULT_CONFIDENCE = 0.95;

/** "95%", "97.5%": a confidence as people write it. */
export function percentOf(confidence: number): string {
  return `${String(Math.round(confidence * 10_000) / 100)}%`;
}

/** Which end of the interval a basis compares, or null for the observed value. */
export function boundSide(basis: Basis): 'lower' | 'upper' | null {
  if (basis === 'point') return null;
  return basis === 'lower' || basis === 'lower95' ? 'lower' : 'upper';
}

/**
 * How a bound is computed from the samples (docs/evaluation.md, "Bounds"): for a proportion,
 * Wilson's score interval (the default), Clopper–Pearson's exact one or Jeffreys'; `wald` is
 * the normal approximation around the standard error, which covers less than it says.
 */
export const INTERVAL_METHODS = ['wilson', 'clopper-pearson', 'jeffreys', 'wald'] as const;
export type IntervalMethod = (typeof INTERVAL_METHODS)[number];

/**
 * What a rule does with samples that ended in an error or stopped at a limit: take them as
 * Inspect scored them (an errored sample is unscored unless the run scored errors), count
 * them as failures (0), or leave them out.
 */
export const SAMPLE_POLICIES = ['as-scored', 'failure', 'exclude'] as const;
export type SamplePolicy = (typeof SAMPLE_POLICIES)[number];

/**
 * How a rule reduces each sample's epochs to one score before the mean over samples: as
 * Inspect's reducers (mean is its default), or pass^k, the chance that k attempts all
 * succeed. The `_k` ones take the rule's `k`.
 */
export const REDUCERS = [
  'mean',
  'median',
  'mode',
  'max',
  'at_least_k',
  'pass_at_k',
  'pass_hat_k',
] as const;
export type ReducerName = (typeof REDUCERS)[number];

/** Whether a reducer takes a k. */
export function takesK(reducer: ReducerName): boolean {
  return reducer.endsWith('_k');
}

/**
 * A rule whose quantity is a cyber time horizon in minutes (docs/evaluation.md, "Time
 * horizon"): the task length at which the fitted success rate is 50% or 80%, from the
 * rule's log and scorer and the benchmark's task reference; a bound is a percentile of a
 * seeded hierarchical bootstrap.
 */
export const HorizonRuleSchema = z.strictObject({
  quantile: z.union([z.literal(50), z.literal(80)]),
  weighting: z.enum(WEIGHTINGS).default('invsqrt'),
  regularization: z.number().gt(0).max(1000).default(DEFAULT_REGULARIZATION),
  resamples: z.number().int().min(100).max(MAX_RESAMPLES).default(DEFAULT_RESAMPLES),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(DEFAULT_SEED),
});
export type HorizonRule = z.infer<typeof HorizonRuleSchema>;

const Slug = SlugSchema;
const Text = z.string().min(1).max(500);

export const ThresholdRuleSchema = z.strictObject({
  id: Slug,
  /** Inspect task name, or the benchmark a bundle declares for its result. */
  benchmark: Text,
  /** Metric name as Inspect records it (e.g. accuracy, mean). */
  metric: Text,
  /** Restrict to one scorer when a log has several. */
  scorer: Text.optional(),
  operator: z.enum(OPERATORS),
  value: z.number(),
  basis: z.enum(BASES),
  /**
   * For a bound: the two-sided confidence of the interval it is an end of (0.95: each end
   * is a one-sided 97.5% bound); absent means 95%.
   */
  confidence: z.number().min(0.5).max(0.999).optional(),
  /** For a bound: how it is computed; absent means Wilson's. */
  interval: z.enum(INTERVAL_METHODS).optional(),
  /**
   * A sample metadata key whose values group samples that are not independent (tasks of one
   * competition or category): the interval then rests on Inspect's clustered stderr.
   */
  cluster: Text.optional(),
  /**
   * How each sample's epochs are reduced to one score, for a mean over samples (accuracy,
   * mean); absent means as the log reduced them.
   */
  reducer: z.enum(REDUCERS).optional(),
  /** The k of at_least_k, pass_at_k and pass_hat_k. */
  k: z.number().int().min(1).max(1000).optional(),
  /** Samples that ended in an error; absent means as-scored. */
  errors: z.enum(SAMPLE_POLICIES).optional(),
  /** Samples that stopped at a limit; absent means as-scored. */
  limits: z.enum(SAMPLE_POLICIES).optional(),
  /** When present, the quantity is this time horizon in minutes, not the metric itself. */
  horizon: HorizonRuleSchema.optional(),
  /** Fewer samples than this is insufficient evidence. */
  minSamples: z.number().int().min(1).default(1),
  /**
   * Whether logs of runs that did not finish (status error, cancelled or started) count;
   * by default only finished runs do, since a crashed run's samples are a biased subset.
   */
  partialEvidence: z.boolean().optional(),
});
export type ThresholdRule = z.infer<typeof ThresholdRuleSchema>;

/**
 * Whether a set's bound rules are adjusted for their number: `holm` applies Holm's
 * step-down (Holm 1979) to them, so that the chance any of them is met by luck alone stays
 * at one rule's level; `none` (the default) takes each at its own confidence.
 */
export const MULTIPLE_COMPARISONS = ['none', 'holm'] as const;
export type MultipleComparisons = (typeof MULTIPLE_COMPARISONS)[number];

export const DesignationRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('any') }),
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('atLeast'), k: z.number().int().min(1) }),
]);
export type DesignationRule = z.infer<typeof DesignationRuleSchema>;

export const ThresholdSetSchema = z
  .strictObject({
    type: z.literal(THRESHOLD_SET_TYPE),
    id: Slug,
    version: z.number().int().min(1),
    name: Text,
    notes: z.string().max(10_000).default(''),
    rules: z.array(ThresholdRuleSchema).min(1).max(500),
    designation: DesignationRuleSchema,
    multipleComparisons: z.enum(MULTIPLE_COMPARISONS).optional(),
  })
  // Messages name the problem, never a value: they end up in errors people read, and rule
  // ids and counts are classified.
  .superRefine((set, ctx) => {
    const ids = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (rule.reducer !== undefined && takesK(rule.reducer) && rule.k === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'k'],
          message: 'is needed by the reducer (at_least_k, pass_at_k and pass_hat_k take a k)',
        });
      if (rule.k !== undefined && (rule.reducer === undefined || !takesK(rule.reducer)))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'k'],
          message: 'is taken only by the reducers at_least_k, pass_at_k and pass_hat_k',
        });
      if (
        rule.horizon !== undefined &&
        (rule.reducer !== undefined || rule.interval !== undefined || rule.cluster !== undefined)
      )
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'horizon'],
          message:
            'takes each epoch as a run and bounds by its bootstrap, so it has no reducer, interval or cluster',
        });
      if (rule.confidence !== undefined && boundSide(rule.basis) === null)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'confidence'],
          message: 'applies only to a lower or upper bound, and the basis is the observed value',
        });
      if (
        rule.confidence !== undefined &&
        rule.confidence !== DEFAULT_CONFIDENCE &&
        (rule.basis === 'lower95' || rule.basis === 'upper95')
      )
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'confidence'],
          message: 'must be 0.95 for a lower95 or upper95 basis; use lower or upper for another',
        });
      if (ids.has(rule.id))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          message: 'is used by an earlier rule too; rule ids must be unique',
        });
      ids.add(rule.id);
    });
    if (set.designation.kind === 'atLeast' && set.designation.k > set.rules.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['designation', 'k'],
        message: 'is more than the number of rules in the set',
      });
    }
  });
export type ThresholdSet = z.infer<typeof ThresholdSetSchema>;
export type ThresholdSetInput = z.input<typeof ThresholdSetSchema>;
