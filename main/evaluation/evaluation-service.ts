/**
 * Evaluation over the workstation's database: lists the models with evidence and sets a
 * threshold set against one of them. Reads only; the engine does the work.
 */
import type { ResourceLimits } from 'node:worker_threads';
import type { DeskDatabase } from '../../db';
import type { EvidenceClaimRow, EvidenceLogRow, EvidenceMetricRow } from '../../db/models';
import { CLAIM_STATUSES, METRIC_STATUSES, type BundleStanding } from '../../common/bundles';
import { DeskError } from '../../common/errors';
import { printable } from '../../common/text';
import type { Evaluation, ModelEvaluation } from '../../common/evaluation';
import { modelLabel, type MetricName, type ModelRef, type ModelSummary } from '../../common/models';
import type { UnlockedKey } from '../crypto';
import { readStandings } from '../review';
import { storedEnum } from '../stored-value';
import type { ClusterId } from '../inspect';
import type { ThresholdService, ThresholdSet } from '../thresholds';
import type { RunRef, VersionComparison } from '../../common/comparison';
import { compareVersions } from './compare-versions';
import type { TrustService } from '../trust';
import { evaluate } from './evaluate';
import { horizonJobs } from './horizon-rule';
import { runWorker } from '../workers';
import type { BootstrapAnswer, BootstrapTask } from '../horizon';
import horizonWorker from '../horizon/horizon.worker?modulePath';
import type {
  EvidenceClaim,
  EvidenceLog,
  EvidenceMetric,
  ExcludedLog,
  ModelEvidence,
  TaskTimesLookup,
} from './evidence';

/** Fits of a few thousand runs: a small heap. */
const HORIZON_WORKER_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 32,
  stackSizeMb: 4,
};

export interface EvaluationService {
  /** Every model some imported bundle is about, by developer, name and version. */
  models(): ModelSummary[];
  /** Horizon bootstraps run in a worker: the main process never blocks on them. */
  evaluate(model: ModelRef, set: ThresholdSet): Promise<Evaluation>;
  /**
   * The model against the latest version of `setId` (default: the set changed most
   * recently) as `reader` may see it: evaluated, or why not (locked, no set, not granted).
   */
  assess(
    model: ModelRef,
    setId: string | null,
    reader: UnlockedKey | null,
  ): Promise<ModelEvaluation>;
  /** The benchmarks, scorers and metrics of the evidence, for writing rules. */
  metricNames(): MetricName[];
  /** Two versions side by side: no threshold values, only the evidence. */
  compare(a: ModelRef, b: ModelRef): VersionComparison;
}

/** A benchmark's task reference, as the task reference service gives it. */
export type TaskTimesSource = (benchmark: string) => TaskTimesLookup;

export function createEvaluationService(
  db: DeskDatabase,
  thresholds: ThresholdService,
  trust: TrustService,
  taskTimes: TaskTimesSource,
): EvaluationService {
  const service: EvaluationService = {
    models: () =>
      db.models.list().map(({ id, developer, name, version, bundleCount, latestRun }) => ({
        id,
        developer,
        name,
        version,
        bundleCount,
        latestRun,
      })),
    evaluate: async (model, set) => {
      const evidence = readModelEvidence(db, trust, model, taskTimes);
      const jobs = horizonJobs(set.rules, evidence);
      if (jobs.length === 0) return evaluate(set, evidence);
      const answer = await runWorker<BootstrapAnswer>(
        horizonWorker,
        { jobs } satisfies BootstrapTask,
        {
          name: 'desk-horizon-worker',
          resourceLimits: HORIZON_WORKER_LIMITS,
        },
      );
      const summaries = new Map(answer.summaries.map((s) => [s.id, s.summary]));
      return evaluate(set, evidence, (ruleId) => summaries.get(ruleId));
    },
    metricNames: () =>
      db.models.metricNames().map((m) => ({
        benchmark: printable(m.benchmark),
        scorer: printable(m.scorer),
        metric: printable(m.metric),
      })),
    compare: (a, b) =>
      printableComparison(
        compareVersions(
          readModelEvidence(db, trust, a, taskTimes),
          readModelEvidence(db, trust, b, taskTimes),
        ),
      ),
    assess: async (model, setId, reader) => {
      if (reader === null) return { state: 'locked' };
      const chosen = setId ?? thresholds.latestSetId();
      if (chosen === undefined) return { state: 'no-threshold-set' };
      let opened;
      try {
        opened = thresholds.open(chosen, 'latest', reader);
      } catch (error) {
        if (error instanceof DeskError && error.code === 'NOT_A_RECIPIENT') {
          return { state: 'not-granted', setId: chosen };
        }
        throw error;
      }
      return {
        state: 'evaluated',
        commitment: opened.commitment,
        evaluation: await service.evaluate(model, opened.document),
      };
    },
  };
  return service;
}

/**
 * The model's evidence as it stands now: a bundle quarantined, or signed by keys that no
 * longer meet the current roster's lab threshold, is set apart with the reason.
 */
export function readModelEvidence(
  db: DeskDatabase,
  trust: TrustService,
  model: ModelRef,
  taskTimes: TaskTimesSource,
): ModelEvidence {
  const modelId = db.models.idOf(model.developer, model.name, model.version);
  if (modelId === undefined) {
    throw new DeskError(
      'INVALID_ARGUMENT',
      `No bundle has been imported for ${modelLabel(model)}, so there is nothing to evaluate.`,
    );
  }
  const metrics = groupBy(db.models.metricsOf(modelId), (m) => String(m.logId));
  const claims = groupBy(db.models.claimsOf(modelId), (c) => `${c.bundleId}\u0000${c.logPath}`);
  const standings = readStandings(db, trust);
  const logs: EvidenceLog[] = [];
  const excluded: ExcludedLog[] = [];
  for (const row of db.models.logsOf(modelId)) {
    const signedBy = JSON.parse(row.signedBy) as string[];
    const standing = standings.of(row.bundleId, signedBy);
    const log = evidenceLog(row, standings.signerNames(signedBy), standing, metrics, claims);
    const why = exclusion(standing);
    if (why === null) logs.push(log);
    else excluded.push({ log, why });
  }
  return {
    model: { developer: model.developer, name: model.name, version: model.version },
    logs,
    excluded,
    sampleScores: (logId, scorer) =>
      db.models.sampleScores(logId, scorer).map((row) => ({
        sampleId: row.sampleId,
        epoch: row.epoch,
        numeric: row.numeric,
        errored: row.errored === 1,
        limited: row.limited === 1,
        invalidated: row.invalidated === 1,
      })),
    taskTimes: once(taskTimes),
    sampleClusters: (logId, key) =>
      new Map(
        db.models
          .sampleMetadataValues(logId, key)
          .map((row) => [row.sampleId, clusterIdOf(row.value, row.type)]),
      ),
  };
}

function evidenceLog(
  row: EvidenceLogRow,
  signerNames: string,
  standing: BundleStanding,
  metrics: ReadonlyMap<string, EvidenceMetricRow[]>,
  claims: ReadonlyMap<string, EvidenceClaimRow[]>,
): EvidenceLog {
  return {
    logId: row.logId,
    bundleId: row.bundleId,
    bundleFile: row.bundleFile,
    evaluator: { id: row.evaluatorId, name: signerNames, claimedName: row.evaluatorName },
    runFinishedOn: row.runFinishedOn,
    path: row.path,
    task: row.task,
    status: row.status,
    mappings: standing.mappings
      .filter((m) => m.logPath === row.path)
      .map((m) => ({ benchmark: m.benchmark, accepted: m.accepted !== null })),
    metrics: (metrics.get(String(row.logId)) ?? []).map((m): EvidenceMetric => ({
      scorer: m.scorer,
      metric: m.metric,
      claimed: m.claimed,
      recomputed: m.recomputed,
      n: m.n,
      status: storedEnum(m.status, METRIC_STATUSES, 'metric status'),
    })),
    claims: (claims.get(`${row.bundleId}\u0000${row.path}`) ?? []).map((c): EvidenceClaim => ({
      benchmark: c.benchmark,
      metric: c.metric,
      value: c.value,
      logValue: c.logValue,
      status: storedEnum(c.status, CLAIM_STATUSES, 'claim status'),
    })),
  };
}

/** Why a bundle's logs do not count, or null when they do. */
function exclusion(standing: BundleStanding): string | null {
  const { quarantine } = standing;
  if (quarantine !== null)
    return `it was quarantined by ${quarantine.by} on ${quarantine.at} (${quarantine.reason})`;
  if (!standing.signersTrusted)
    return 'it is signed by a key no longer trusted (no longer a lab key in the current trust roster)';
  if (standing.unsignedAmongInspectModels !== null)
    return `its statement does not say which Inspect models the model is (model.inspectModels), and the model's evidence was run on ${standing.unsignedAmongInspectModels.length} (${standing.unsignedAmongInspectModels.map((m) => `"${printable(m)}"`).join(', ')}): evidence of different models is never combined`;
  return null;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [row]);
    else group.push(row);
  }
  return groups;
}

/** The comparison's texts from evidence (paths, names, sample ids) made printable. */
function printableComparison(comparison: VersionComparison): VersionComparison {
  const run = (r: RunRef | null): RunRef | null =>
    r === null
      ? null
      : { ...r, logPath: printable(r.logPath), bundleFile: printable(r.bundleFile) };
  return {
    ...comparison,
    benchmarks: comparison.benchmarks.map((b) => ({
      ...b,
      benchmark: printable(b.benchmark),
      a: run(b.a),
      b: run(b.b),
      metrics: b.metrics.map((m) => ({
        ...m,
        scorer: printable(m.scorer),
        metric: printable(m.metric),
      })),
      flips: b.flips.map((f) => ({
        ...f,
        scorer: printable(f.scorer),
        sampleId: printable(f.sampleId),
      })),
    })),
  };
}

/** A metadata value as json_each gives it, as the cluster id Inspect would read. */
function clusterIdOf(value: string | number | null, type: string | null): ClusterId | null {
  switch (type) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'integer':
    case 'real':
      return Number(value);
    case 'text':
      return String(value);
    default:
      return null;
  }
}

/**
 * Each benchmark's task reference read (and its signature verified) once per evaluation,
 * not once per rule that asks.
 */
function once(source: TaskTimesSource): TaskTimesSource {
  const read = new Map<string, TaskTimesLookup>();
  return (benchmark) => {
    const known = read.get(benchmark);
    if (known !== undefined) return known;
    const lookup = source(benchmark);
    read.set(benchmark, lookup);
    return lookup;
  };
}
