/** Read side of imported bundles: what `desk bundles` and the Inbox show. */
import type { DeskDatabase } from '../../db';
import {
  CHECK_IDS,
  CLAIM_STATUSES,
  EVAL_STATUSES,
  HEADER_SOURCES,
  METRIC_STATUSES,
  type BundleSummary,
  type Check,
  type RejectedImport,
  type RunFacts,
  RunFactsSchema,
} from '../../common/bundles';
import type { ModelRef } from '../../common/models';
import type { AuditLog } from '../audit';
import { readStandings } from '../review';
import { storedEnum } from '../stored-value';
import type { TrustService } from '../trust';

export function listBundles(db: DeskDatabase, trust: TrustService): BundleSummary[] {
  const standings = readStandings(db, trust);
  const holders = new Map<string, ModelRef[]>();
  for (const { sha256, developer, name, version } of db.bundles.sharedLogs())
    holders.set(sha256, [...(holders.get(sha256) ?? []), { developer, name, version }]);
  return db.bundles.list().map((row) => {
    const signedBy = JSON.parse(row.signedBy) as string[];
    const model = { developer: row.developer, name: row.modelName, version: row.modelVersion };
    const others = (sha256: string) =>
      (holders.get(sha256) ?? []).filter((m) => modelKey(m) !== modelKey(model));
    return {
      id: row.id,
      digest: row.digest,
      fileName: row.fileName,
      status: 'verified',
      model,
      // The roster's name for the keys that signed; the statement's is only a claim.
      evaluator: {
        id: row.evaluatorId,
        name: standings.signerNames(signedBy),
        claimedName: row.evaluatorName,
      },
      suite: { name: row.suiteName, version: row.suiteVersion },
      runStartedOn: row.runStartedOn,
      runFinishedOn: row.runFinishedOn,
      importedAt: row.importedAt,
      signedBy,
      inspectModels: row.inspectModels === null ? null : parseNames(row.inspectModels),
      sampleCount: row.sampleCount,
      logs: db.bundles.logsOf(row.id).map((log) => ({
        path: log.path,
        task: log.task,
        model: log.model,
        status: storedEnum(log.status, EVAL_STATUSES, 'log status'),
        headerSource: storedEnum(log.headerSource, HEADER_SOURCES, 'header source'),
        samples: log.sampleCount,
        totalSamples: log.totalSamples,
        completedSamples: log.completedSamples,
        metrics: db.bundles.metricsOf(log.id).map((metric) => ({
          ...metric,
          status: storedEnum(metric.status, METRIC_STATUSES, 'metric status'),
        })),
        sharedWith: others(log.sha256),
        run: log.runFacts === null ? null : parseRunFacts(log.runFacts),
      })),
      results: db.bundles
        .claimedOf(row.id)
        .map(({ benchmark, metric, value, stderr, logValue, status }) => ({
          benchmark,
          metric,
          value,
          stderr,
          logValue,
          status: storedEnum(status, CLAIM_STATUSES, 'claim status'),
        })),
      checks: JSON.parse(row.verification) as Check[],
      standing: standings.of(row.id, signedBy),
    };
  });
}

/** A stored log's run facts; a row that is not what the import wrote is a damaged row. */
function parseRunFacts(json: string): RunFacts {
  const parsed = RunFactsSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error("A log row's run facts are not what the import writes.");
  return parsed.data;
}

function modelKey(model: ModelRef): string {
  return JSON.stringify([model.developer, model.name, model.version]);
}

/** A stored JSON array of names; anything else in the column is a damaged row. */
function parseNames(json: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new Error('A bundle row holds Inspect models that are not a list of names.');
  return value;
}

export function listRejections(audit: AuditLog): RejectedImport[] {
  return audit.ofKind('bundle.rejected').map((event) => {
    const details = event.details as {
      file?: string;
      digest?: string | null;
      check?: string | null;
      reason?: string;
    };
    const check = CHECK_IDS.find((id) => id === details.check);
    return {
      recordedAt: event.recordedAt,
      file: details.file ?? '',
      digest: details.digest ?? null,
      check: check ?? null,
      reason: details.reason ?? event.summary,
    };
  });
}
