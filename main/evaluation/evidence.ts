/**
 * What the engine reads: the evidence imported for one model, as plain values. The
 * evaluation service builds it from the database (db/models.ts); tests build it by hand.
 */

import type { Evaluator } from '../../common/bundles';
import type { ClusterId } from '../inspect';
import type { ModelRef } from '../../common/models';

/** One metric of one scorer in a log (docs/formats.md, "Recomputing the metrics"). */
export interface EvidenceMetric {
  /** The claimed score's name in the log. */
  readonly scorer: string;
  /** The metric's key, as Inspect recorded it. */
  readonly metric: string;
  /** What Inspect recorded (null for NaN). */
  readonly claimed: number | null;
  /** What the samples give; null where the metric cannot be recomputed. */
  readonly recomputed: number | null;
  /** Values the metric is over: one per scored sample after epoch reduction. */
  readonly n: number;
  readonly status: 'match' | 'differs' | 'not-recomputable';
}

/** A result the lab signed that names this log, and how it compared with it. */
export interface EvidenceClaim {
  readonly benchmark: string;
  /** "scorer/metric", or "metric" when the claim names no scorer. */
  readonly metric: string;
  readonly value: number;
  readonly logValue: number | null;
  readonly status: 'match' | 'differs' | 'not-checked';
}

export interface EvidenceLog {
  readonly logId: number;
  /** Import order: a later import has a larger id. */
  readonly bundleId: number;
  readonly bundleFile: string;
  /** Named by the roster for the keys that signed; the statement's name is only a claim. */
  readonly evaluator: Evaluator;
  /** The bundle's signed `runFinishedOn` (RFC 3339, any offset). */
  readonly runFinishedOn: string;
  /** The log's entry path in its bundle, e.g. `logs/cybench.eval`. */
  readonly path: string;
  /** The Inspect task name. */
  readonly task: string;
  /** The run's status: success, or error, cancelled, started for one that did not finish. */
  readonly status: string;
  /**
   * Benchmarks other than its task the bundle filed this log's results under: it counts
   * for one only once a reviewer has accepted the mapping.
   */
  readonly mappings: readonly { readonly benchmark: string; readonly accepted: boolean }[];
  readonly metrics: readonly EvidenceMetric[];
  readonly claims: readonly EvidenceClaim[];
}

export interface SampleScore {
  readonly sampleId: string;
  readonly epoch: number;
  /** value_to_float of the score, or null where it has no number (or the sample none). */
  readonly numeric: number | null;
  /** The sample ended in an error. */
  readonly errored: boolean;
  /** The sample stopped at a limit (message, token, time, …). */
  readonly limited: boolean;
  /** Someone invalidated the sample after the run (Inspect's sample.invalidation). */
  readonly invalidated: boolean;
}

/** A log of a bundle that does not count, and why (docs/evaluation.md, "Evidence that does not count"). */
export interface ExcludedLog {
  readonly log: EvidenceLog;
  /** Completes "… was not considered: " */
  readonly why: string;
}

export interface ModelEvidence {
  readonly model: ModelRef;
  /** The logs that count: of bundles neither quarantined nor signed by keys no longer trusted. */
  readonly logs: readonly EvidenceLog[];
  readonly excluded: readonly ExcludedLog[];
  /**
   * One scorer's sample scores in one log, read only when a rule needs an interval (from
   * the samples, bounds.ts) or versions are compared: a model's samples can run to millions
   * of rows.
   */
  sampleScores(logId: number, scorer: string): readonly SampleScore[];
  /**
   * One metadata key's value for each sample id of one log (null where a sample lacks it or
   * it is no scalar), read only for a rule that clusters by that key.
   */
  sampleClusters(logId: number, key: string): ReadonlyMap<string, ClusterId | null>;
  /**
   * The human expert time of each task of a benchmark, from the latest signed task
   * reference that lists it (docs/formats.md, "Task reference"), read only for a rule
   * that needs them.
   */
  taskTimes(benchmark: string): TaskTimesLookup;
}

/** One task's human expert time, as a task reference gives it. */
export interface TaskTime {
  readonly minutes: number;
  readonly family: string;
  /** How the time was obtained (first solve, timed run, estimate, …). */
  readonly source: string;
}

export type TaskTimesLookup =
  | {
      readonly kind: 'found';
      /** Which reference, for the sentence: its id, version and who signed it. */
      readonly reference: {
        readonly id: string;
        readonly version: number;
        readonly signer: string;
      };
      /** By task id, matched to the sample ids of the benchmark's logs. */
      readonly tasks: ReadonlyMap<string, TaskTime>;
    }
  | { readonly kind: 'none' }
  /** A stored reference that no longer verifies: never used, and said so. */
  | { readonly kind: 'failed'; readonly why: string };
