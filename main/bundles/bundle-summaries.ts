/** Read side of imported bundles: what `desk bundles` and the Inbox show. */
import type { DeskDatabase } from '../../db';
import type { AuditLog } from '../audit';
import type { Check } from './checks';

export interface LogSummary {
  readonly path: string;
  readonly task: string;
  readonly model: string;
  readonly status: string;
  readonly headerSource: string;
  readonly samples: number;
  readonly totalSamples: number | null;
  readonly completedSamples: number | null;
  readonly metrics: readonly {
    readonly scorer: string;
    readonly metric: string;
    readonly claimed: number | null;
    readonly recomputed: number | null;
    readonly n: number;
    readonly status: string;
    readonly note: string | null;
  }[];
}

export interface BundleSummary {
  readonly id: number;
  readonly digest: string;
  readonly fileName: string;
  readonly status: 'verified';
  readonly model: { readonly developer: string; readonly name: string; readonly version: string };
  readonly evaluator: { readonly id: string; readonly name: string };
  readonly suite: { readonly name: string; readonly version: string | null };
  readonly runStartedOn: string;
  readonly runFinishedOn: string;
  readonly importedAt: string;
  readonly signedBy: readonly string[];
  readonly sampleCount: number;
  readonly logs: readonly LogSummary[];
  readonly results: readonly {
    readonly benchmark: string;
    readonly metric: string;
    readonly value: number;
    readonly stderr: number | null;
    readonly logValue: number | null;
    readonly status: string;
  }[];
  readonly checks: readonly Check[];
}

export interface RejectedImport {
  readonly recordedAt: string;
  readonly file: string;
  readonly digest: string | null;
  readonly check: string | null;
  readonly reason: string;
}

export function listBundles(db: DeskDatabase): BundleSummary[] {
  return db.bundles.list().map((row) => ({
    id: row.id,
    digest: row.digest,
    fileName: row.fileName,
    status: 'verified',
    model: { developer: row.developer, name: row.modelName, version: row.modelVersion },
    evaluator: { id: row.evaluatorId, name: row.evaluatorName },
    suite: { name: row.suiteName, version: row.suiteVersion },
    runStartedOn: row.runStartedOn,
    runFinishedOn: row.runFinishedOn,
    importedAt: row.importedAt,
    signedBy: JSON.parse(row.signedBy) as string[],
    sampleCount: row.sampleCount,
    logs: db.bundles.logsOf(row.id).map((log) => ({
      path: log.path,
      task: log.task,
      model: log.model,
      status: log.status,
      headerSource: log.headerSource,
      samples: log.sampleCount,
      totalSamples: log.totalSamples,
      completedSamples: log.completedSamples,
      metrics: db.bundles.metricsOf(log.id),
    })),
    results: db.bundles
      .claimedOf(row.id)
      .map(({ benchmark, metric, value, stderr, logValue, status }) => ({
        benchmark,
        metric,
        value,
        stderr,
        logValue,
        status,
      })),
    checks: JSON.parse(row.verification) as Check[],
  }));
}

export function listRejections(audit: AuditLog): RejectedImport[] {
  return audit.ofKind('bundle.rejected').map((event) => {
    const details = event.details as {
      file?: string;
      digest?: string | null;
      check?: string | null;
      reason?: string;
    };
    return {
      recordedAt: event.recordedAt,
      file: details.file ?? '',
      digest: details.digest ?? null,
      check: details.check ?? null,
      reason: details.reason ?? event.summary,
    };
  });
}
