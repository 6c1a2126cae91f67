/**
 * Evaluation over the workstation's database: lists the models with evidence and
 * evaluates a threshold set against one of them. Reads only; the engine does the work.
 */
import type { DeskDatabase } from '../../db';
import { DeskError } from '../errors';
import type { ThresholdSet } from '../thresholds';
import { evaluate } from './evaluate';
import type {
  EvidenceClaim,
  EvidenceLog,
  EvidenceMetric,
  ModelEvidence,
  ModelRef,
} from './evidence';
import type { Evaluation } from './outcome';

export interface ModelSummary extends ModelRef {
  readonly bundleCount: number;
  /** The latest runFinishedOn of the model's bundles, as signed. */
  readonly latestRun: string;
}

export interface EvaluationService {
  /** Every model some imported bundle is about, by developer, name and version. */
  models(): ModelSummary[];
  evaluate(model: ModelRef, set: ThresholdSet): Evaluation;
}

export function createEvaluationService(db: DeskDatabase): EvaluationService {
  return {
    models: () =>
      db.models.list().map(({ developer, name, version, bundleCount, latestRun }) => ({
        developer,
        name,
        version,
        bundleCount,
        latestRun,
      })),
    evaluate: (model, set) => evaluate(set, readModelEvidence(db, model)),
  };
}

export function readModelEvidence(db: DeskDatabase, model: ModelRef): ModelEvidence {
  const modelId = db.models.idOf(model.developer, model.name, model.version);
  if (modelId === undefined) {
    throw new DeskError(
      'INVALID_ARGUMENT',
      `No bundle has been imported for ${model.developer}/${model.name}@${model.version}, so there is nothing to evaluate.`,
    );
  }
  const metrics = groupBy(db.models.metricsOf(modelId), (m) => String(m.logId));
  const claims = groupBy(db.models.claimsOf(modelId), (c) => `${c.bundleId}\u0000${c.logPath}`);
  const logs: EvidenceLog[] = db.models.logsOf(modelId).map((row) => ({
    logId: row.logId,
    bundleId: row.bundleId,
    bundleFile: row.bundleFile,
    evaluator: { id: row.evaluatorId, name: row.evaluatorName },
    runFinishedOn: row.runFinishedOn,
    path: row.path,
    task: row.task,
    metrics: (metrics.get(String(row.logId)) ?? []).map((m): EvidenceMetric => ({
      scorer: m.scorer,
      metric: m.metric,
      claimed: m.claimed,
      recomputed: m.recomputed,
      n: m.n,
      status: oneOf(m.status, ['match', 'differs', 'not-recomputable'] as const),
    })),
    claims: (claims.get(`${row.bundleId}\u0000${row.path}`) ?? []).map((c): EvidenceClaim => ({
      benchmark: c.benchmark,
      metric: c.metric,
      value: c.value,
      logValue: c.logValue,
      status: oneOf(c.status, ['match', 'differs', 'not-checked'] as const),
    })),
  }));
  return {
    model: { developer: model.developer, name: model.name, version: model.version },
    logs,
    sampleScores: (logId, scorer) => db.models.sampleScores(logId, scorer),
  };
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

/** The schema's CHECK constraints allow only these; anything else is a damaged database. */
function oneOf<const T extends readonly string[]>(value: string, allowed: T): T[number] {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(`unexpected status "${value}" in the database`);
  return found;
}
