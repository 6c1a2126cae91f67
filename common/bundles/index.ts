/**
 * Result bundles as every process sees them: the verification checks, what the Inbox
 * lists, what an import returns and the progress it reports. main/bundles builds these
 * values; the contract carries them unchanged.
 */
import { z } from 'zod';
import { Sha256HexSchema } from '../digest';
import { ModelRefSchema } from '../models';
import { KeyIdSchema } from '../trust';
import { RunFactsSchema } from './run-facts';

export { RunFactsSchema, type RunFacts } from './run-facts';

/** The verification report: every check, in the order they run. */
export const CHECKS = [
  { id: 'archive', label: 'Archive is a well-formed zip with safe entry names, types and sizes' },
  { id: 'envelope', label: 'Signed envelope is present and well formed' },
  { id: 'signature', label: 'Signed by enough trusted lab keys' },
  { id: 'statement', label: 'Statement is a benchmark-results statement' },
  { id: 'entries', label: 'Entries are exactly the signed subjects' },
  { id: 'digests', label: 'Every entry matches its signed digest' },
  { id: 'logs', label: 'Every declared log is a readable Inspect log' },
  { id: 'results', label: 'Claimed results agree with the logs' },
  {
    id: 'claims',
    label: "Evaluator, Inspect models and benchmarks are the signers' and the logs' own",
  },
] as const;
export const CHECK_IDS = CHECKS.map((c) => c.id) as [
  (typeof CHECKS)[number]['id'],
  ...(typeof CHECKS)[number]['id'][],
];
export type CheckId = (typeof CHECK_IDS)[number];
export const CHECK_STATUSES = ['pass', 'fail', 'warn', 'not-run'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const CheckSchema = z.strictObject({
  id: z.enum(CHECK_IDS),
  label: z.string(),
  status: z.enum(CHECK_STATUSES),
  detail: z.string(),
});
export type Check = z.infer<typeof CheckSchema>;

/** An Inspect run's status ("started" for a run that never finished). */
export const EVAL_STATUSES = ['started', 'success', 'cancelled', 'error'] as const;
export type EvalStatus = (typeof EVAL_STATUSES)[number];
/** Where a log's eval spec came from: header.json, an unfinished run's journal, a .json log. */
export const HEADER_SOURCES = ['header.json', 'journal', 'json'] as const;
/** A claimed metric against the one recomputed from the samples. */
export const METRIC_STATUSES = ['match', 'differs', 'not-recomputable'] as const;
export type MetricStatus = (typeof METRIC_STATUSES)[number];
/** A result the lab signed against the log it names. */
export const CLAIM_STATUSES = ['match', 'differs', 'not-checked'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

const Count = z.number().int().nonnegative();

export const LogMetricSchema = z.strictObject({
  scorer: z.string(),
  metric: z.string(),
  claimed: z.number().nullable(),
  recomputed: z.number().nullable(),
  n: Count,
  status: z.enum(METRIC_STATUSES),
  note: z.string().nullable(),
});
export type LogMetric = z.infer<typeof LogMetricSchema>;

export const LogSummarySchema = z.strictObject({
  path: z.string(),
  task: z.string(),
  model: z.string(),
  status: z.enum(EVAL_STATUSES),
  headerSource: z.enum(HEADER_SOURCES),
  samples: Count,
  totalSamples: Count.nullable(),
  completedSamples: Count.nullable(),
  metrics: z.array(LogMetricSchema).readonly(),
  /** Other model versions a bundle holding this very log (same SHA-256) is about. */
  sharedWith: z.array(ModelRefSchema).readonly(),
  /** How the run went; null for a log imported before the desk read these facts. */
  run: RunFactsSchema.nullable(),
});
export type LogSummary = z.infer<typeof LogSummarySchema>;

/** Who made a judgement on a bundle (their roster name then), when and why. */
export const JudgementSchema = z.strictObject({
  by: z.string(),
  at: z.string(),
  reason: z.string(),
});
export type Judgement = z.infer<typeof JudgementSchema>;

/** A signed result filed under a benchmark that is not its log's Inspect task. */
export const BenchmarkMappingSchema = z.strictObject({
  logPath: z.string(),
  task: z.string(),
  benchmark: z.string(),
  /** A reviewer's acceptance; until then the log does not count for the benchmark. */
  accepted: JudgementSchema.nullable(),
});
export type BenchmarkMapping = z.infer<typeof BenchmarkMappingSchema>;

/** Whether a verified bundle still counts (docs/evaluation.md, "Evidence that does not count"). */
export const BundleStandingSchema = z.strictObject({
  /** Set by an authority: the bundle is kept and shown, never evaluated. */
  quarantine: JudgementSchema.nullable(),
  /** False once the keys that signed no longer meet the current roster's lab threshold. */
  signersTrusted: z.boolean(),
  mappings: z.array(BenchmarkMappingSchema).readonly(),
  /**
   * Set when the bundle does not say which Inspect models its model is (model.inspectModels)
   * and the model's counted evidence was run on more than one: these, in order. Evidence of
   * different models is never combined, so such a bundle is not evaluated.
   */
  unsignedAmongInspectModels: z.array(z.string()).readonly().nullable(),
});
export type BundleStanding = z.infer<typeof BundleStandingSchema>;

/** The marks the Inbox and the dossier show on a bundle, in this order. */
export const STANDING_MARKS = [
  'quarantined',
  'signer no longer trusted',
  'Inspect model not signed',
  'benchmark mapping not accepted',
] as const;
export type StandingMark = (typeof STANDING_MARKS)[number];

export function standingMarks(standing: BundleStanding): StandingMark[] {
  const marks: StandingMark[] = [];
  if (standing.quarantine !== null) marks.push('quarantined');
  if (!standing.signersTrusted) marks.push('signer no longer trusted');
  if (standing.unsignedAmongInspectModels !== null) marks.push('Inspect model not signed');
  if (standing.mappings.some((m) => m.accepted === null))
    marks.push('benchmark mapping not accepted');
  return marks;
}

/**
 * A quarantined bundle, one whose signers are no longer trusted, and one that does not sign
 * which of its model's several Inspect models it ran on, is not evaluated.
 */
export function isExcluded(
  standing: Pick<BundleStanding, 'quarantine' | 'signersTrusted' | 'unsignedAmongInspectModels'>,
) {
  return (
    standing.quarantine !== null ||
    !standing.signersTrusted ||
    standing.unsignedAmongInspectModels !== null
  );
}

/**
 * The evaluator a bundle is shown under: `name` is the roster's name(s) for the keys that
 * signed it; `claimedName` is what the statement calls it, only a claim.
 */
export const EvaluatorSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  claimedName: z.string(),
});
export type Evaluator = z.infer<typeof EvaluatorSchema>;

export const BundleSummarySchema = z.strictObject({
  id: z.number().int(),
  digest: Sha256HexSchema,
  fileName: z.string(),
  status: z.literal('verified'),
  model: ModelRefSchema,
  evaluator: EvaluatorSchema,
  suite: z.strictObject({ name: z.string(), version: z.string().nullable() }),
  runStartedOn: z.string(),
  runFinishedOn: z.string(),
  importedAt: z.string(),
  signedBy: z.array(KeyIdSchema).readonly(),
  /** The Inspect models (eval.model) the statement says the model is; null when it names none. */
  inspectModels: z.array(z.string()).readonly().nullable(),
  sampleCount: Count,
  logs: z.array(LogSummarySchema).readonly(),
  results: z
    .array(
      z.strictObject({
        benchmark: z.string(),
        metric: z.string(),
        value: z.number(),
        stderr: z.number().nullable(),
        logValue: z.number().nullable(),
        status: z.enum(CLAIM_STATUSES),
      }),
    )
    .readonly(),
  checks: z.array(CheckSchema).readonly(),
  standing: BundleStandingSchema,
});
export type BundleSummary = z.infer<typeof BundleSummarySchema>;

export const RejectedImportSchema = z.strictObject({
  recordedAt: z.string(),
  file: z.string(),
  digest: Sha256HexSchema.nullable(),
  /** The check that failed; null when none ran (unreadable file, cancelled import). */
  check: z.enum(CHECK_IDS).nullable(),
  reason: z.string(),
});
export type RejectedImport = z.infer<typeof RejectedImportSchema>;

/** One bundle's import, as the renderer sees it: no internal ids. */
export const ImportOutcomeViewSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('imported'),
    file: z.string(),
    message: z.string(),
    checks: z.array(CheckSchema).readonly(),
  }),
  z.strictObject({ status: z.literal('already-imported'), file: z.string(), message: z.string() }),
  z.strictObject({
    status: z.literal('rejected'),
    file: z.string(),
    message: z.string(),
    checks: z.array(CheckSchema).readonly(),
  }),
  z.strictObject({ status: z.literal('cancelled'), file: z.string(), message: z.string() }),
]);
export type ImportOutcomeView = z.infer<typeof ImportOutcomeViewSchema>;

/** The phases an import reports, in order. */
export const IMPORT_PHASES = [
  'hashing',
  'opening',
  'verifying signature',
  'checking digests',
  'reading logs',
  'committing',
] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

export const ImportProgressSchema = z.strictObject({
  file: z.string(),
  phase: z.enum(IMPORT_PHASES),
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
});
export type ImportProgress = z.infer<typeof ImportProgressSchema>;
