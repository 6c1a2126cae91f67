/**
 * What an evaluation returns (docs/evaluation.md). The shapes are zod schemas so the IPC
 * contract can carry them unchanged; the types are derived from them.
 *
 * An evaluation holds threshold values, which are classified: it lives where the
 * plaintext threshold set lives (main-process memory of an unlocked, authorised user) and
 * is never logged or written to the audit log.
 */
import { z } from 'zod';
import { EvaluatorSchema } from '../bundles';
import { WEIGHTINGS } from '../horizon';
import { Sha256HexSchema } from '../digest';
import {
  BASES,
  DesignationRuleSchema,
  INTERVAL_METHODS,
  MULTIPLE_COMPARISONS,
  OPERATORS,
} from '../thresholds/document';

export const RULE_STATUSES = ['met', 'not-met', 'insufficient-evidence'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export const OUTCOMES = ['meets', 'does-not-meet', 'insufficient-evidence'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** recomputed: from the log's samples; claimed-only: Inspect's value, not recomputable. */
export const VALUE_SOURCES = ['recomputed', 'claimed-only'] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];

/**
 * Where the standard error came from: the scorer's stderr metric (recomputed), the sample
 * scores, or the sample scores clustered by the rule's metadata key.
 */
export const STDERR_SOURCES = ['recomputed', 'samples', 'clustered'] as const;
export type StderrSource = (typeof STDERR_SOURCES)[number];

const Count = z.number().int().nonnegative();

export const SourceLogSchema = z.strictObject({
  bundleId: z.number().int(),
  bundleFile: z.string(),
  evaluator: EvaluatorSchema,
  runFinishedOn: z.string(),
  logPath: z.string(),
  task: z.string(),
  scorer: z.string(),
});
export type SourceLog = z.infer<typeof SourceLogSchema>;

/** Another log that matched the rule but was not the one used. */
export const SeenEvidenceSchema = SourceLogSchema.extend({
  observed: z.number().nullable(),
  source: z.enum(VALUE_SOURCES).nullable(),
  n: Count,
});
export type SeenEvidence = z.infer<typeof SeenEvidenceSchema>;

export const RelatedClaimSchema = z.strictObject({
  benchmark: z.string(),
  metric: z.string(),
  value: z.number(),
  logValue: z.number().nullable(),
  status: z.enum(['match', 'differs', 'not-checked']),
});
export type RelatedClaim = z.infer<typeof RelatedClaimSchema>;

/** Which signed task reference gave the human times. */
const TaskReferenceRefSchema = z.strictObject({
  id: z.string(),
  version: z.number().int(),
  signer: z.string(),
});

/** How a horizon rule's quantity was computed (docs/evaluation.md, "Time horizon"). */
export const HorizonFactsSchema = z.strictObject({
  quantile: z.union([z.literal(50), z.literal(80)]),
  /** β₀ and β₁ of σ(β₀ + β₁·log₂ minutes). */
  intercept: z.number(),
  coefficient: z.number(),
  runs: Count,
  tasks: Count,
  families: Count,
  /** Samples without a human time in the reference, left out. */
  unmatched: Count,
  weighting: z.enum(WEIGHTINGS),
  regularization: z.number(),
  reference: TaskReferenceRefSchema,
  /** For a bound: the bootstrap it is a percentile of. */
  bootstrap: z
    .strictObject({
      resamples: Count,
      seed: z.number().int().nonnegative(),
      fitted: Count,
      successDoesNotFall: Count,
    })
    .nullable(),
});
export type HorizonFacts = z.infer<typeof HorizonFactsSchema>;

/** The difficulty buckets of the strata, in human minutes (METR's task-length bins). */
export const STRATA_MINUTES = [1, 4, 16, 64, 256, 960] as const;

/** Success by task length (docs/evaluation.md, "Difficulty strata"). */
export const StrataSchema = z.strictObject({
  reference: TaskReferenceRefSchema,
  buckets: z.array(
    z.strictObject({
      fromMinutes: z.number(),
      toMinutes: z.number(),
      tasks: Count,
      /** The mean over the bucket's tasks of each task's epoch-averaged score. */
      successRate: z.number().min(0).max(1).nullable(),
    }),
  ),
  /** Tasks shorter than a minute or longer than 960 minutes. */
  outside: Count,
  /** Samples whose id no task of the reference has: in no bucket. */
  unmatched: Count,
  /** The longest task some epoch solved (scored 1). */
  longestSolved: z.strictObject({ taskId: z.string(), minutes: z.number() }).nullable(),
});
export type Strata = z.infer<typeof StrataSchema>;

/** How an interval was computed: a rule's method, or a horizon's bootstrap percentiles. */
export const OUTCOME_INTERVAL_METHODS = [...INTERVAL_METHODS, 'bootstrap'] as const;

export const RuleOutcomeSchema = z.strictObject({
  ruleId: z.string(),
  benchmark: z.string(),
  metric: z.string(),
  scorer: z.string().nullable(),
  operator: z.enum(OPERATORS),
  threshold: z.number(),
  basis: z.enum(BASES),
  /** The two-sided confidence of the interval a bound is an end of; null for a point rule. */
  confidence: z.number().nullable(),
  minSamples: z.number().int(),
  status: z.enum(RULE_STATUSES),
  /** Null when no evidence matched or the log holds no value. */
  observed: z.number().nullable(),
  source: z.enum(VALUE_SOURCES).nullable(),
  stderr: z.number().nullable(),
  stderrSource: z.enum(STDERR_SOURCES).nullable(),
  /**
   * The interval from the samples at `confidence` (95% for a point rule), by
   * `intervalMethod`, inside the metric's range; null when the samples give none, or below
   * two samples.
   */
  interval: z.tuple([z.number(), z.number()]).nullable(),
  intervalMethod: z.enum(OUTCOME_INTERVAL_METHODS).nullable(),
  /** How the samples were clustered for the interval, when the rule names a cluster. */
  cluster: z
    .strictObject({
      key: z.string(),
      clusters: Count,
      /** The proportion method's sample size, n over the design effect; null for Wald. */
      effectiveN: z.number().positive().nullable(),
    })
    .nullable(),
  /** Samples scored 1 when every sample is scored 0 or 1 (a proportion); else null. */
  successes: Count.nullable(),
  /** What was compared with the threshold; null unless the rule is met or not met. */
  bound: z.number().nullable(),
  /** Distance from the threshold, positive on the met side; null when bound is. */
  margin: z.number().nullable(),
  /**
   * For a bound rule met or not: the one-sided p-value of its comparison by its own
   * interval method (the smallest α at which the end of the 1 − 2α interval is on the met
   * side); null for a point rule, or a bound compared the other way.
   */
  pValue: z.number().min(0).max(1).nullable(),
  /** Where Holm's step-down put the rule, when the set adjusts for several rules. */
  familywise: z
    .strictObject({
      /** Bound rules in the family. */
      rules: Count,
      /** 1 for the smallest p-value. */
      rank: Count,
      /** The one-sided level this rank is held to: α / (rules − rank + 1). */
      level: z.number(),
      /** The bound at that level, 1 − 2·level two-sided. */
      bound: z.number(),
      /** Whether the rule holds for the family (and every rule ranked before it did). */
      holds: z.boolean(),
    })
    .nullable(),
  n: Count.nullable(),
  sourceLog: SourceLogSchema.nullable(),
  /** For a horizon rule: its fit, reference and bootstrap. */
  horizon: HorizonFactsSchema.nullable(),
  /** When the benchmark has a task reference: success by task length. */
  strata: StrataSchema.nullable(),
  /** The bundle's signed results about this log metric. */
  claims: z.array(RelatedClaimSchema),
  alsoSeen: z.array(SeenEvidenceSchema),
  explanation: z.string(),
});
export type RuleOutcome = z.infer<typeof RuleOutcomeSchema>;

export const EvaluationSchema = z.strictObject({
  thresholdSet: z.strictObject({ id: z.string(), version: z.number().int(), name: z.string() }),
  model: z.strictObject({ developer: z.string(), name: z.string(), version: z.string() }),
  designation: DesignationRuleSchema,
  /** Whether the set adjusts its bound rules for their number (Holm–Bonferroni). */
  multipleComparisons: z.enum(MULTIPLE_COMPARISONS),
  outcome: z.enum(OUTCOMES),
  counts: z.strictObject({
    total: Count,
    met: Count,
    notMet: Count,
    insufficient: Count,
    /** Rules that must be met: 1 for any, all of them for all, k for atLeast k. */
    needed: Count,
  }),
  explanation: z.string(),
  rules: z.array(RuleOutcomeSchema),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

/** A model against a threshold set, or why it cannot be shown (values stay masked). */
export const ModelEvaluationSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('locked') }),
  z.strictObject({ state: z.literal('no-threshold-set') }),
  z.strictObject({ state: z.literal('not-granted'), setId: z.string() }),
  z.strictObject({
    state: z.literal('evaluated'),
    commitment: Sha256HexSchema,
    evaluation: EvaluationSchema,
  }),
]);
export type ModelEvaluation = z.infer<typeof ModelEvaluationSchema>;
