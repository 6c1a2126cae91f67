/**
 * Import and verification of result bundles. An import is atomic: verify everything into
 * a staging area, move the verified evidence into the store, then commit every row in one
 * transaction. A rejection leaves nothing but one audit entry naming the reason; a crash
 * leaves staging files and unreferenced store files that `recover()` removes at start-up.
 */
import path from 'node:path';
import type { DeskDatabase } from '../../db';
import type { AuditLog } from '../audit';
import { initCrypto } from '../crypto';
import { sha256OfFile, type EvidenceStore } from '../evidence';
import type { InspectLog } from '../inspect';
import type { TrustService } from '../trust';
import type { ZipLimits } from '../zip';
import type { BundleSummary, Check, RejectedImport } from '../../common/bundles';
import { listBundles, listRejections } from './bundle-summaries';
import { BundleRejection } from './checks';
import { verifyBundle, type BundleProgress, type VerifiedBundle } from './verify-bundle';

export type ImportOutcome =
  | {
      readonly status: 'imported';
      readonly bundleId: number;
      readonly digest: string;
      readonly message: string;
      readonly checks: readonly Check[];
    }
  | {
      readonly status: 'already-imported';
      readonly bundleId: number;
      readonly digest: string;
      readonly message: string;
    }
  | {
      readonly status: 'rejected';
      readonly digest: string | null;
      readonly message: string;
      readonly checks: readonly Check[];
    };

export type VerifyOutcome =
  | { readonly ok: true; readonly message: string; readonly checks: readonly Check[] }
  | { readonly ok: false; readonly message: string; readonly checks: readonly Check[] };

export interface BundleService {
  importBundle(
    file: string,
    onProgress?: (progress: BundleProgress) => void,
  ): Promise<ImportOutcome>;
  verify(file: string): Promise<VerifyOutcome>;
  /** Removes what an interrupted import left behind. */
  recover(): { removedFiles: number };
  list(): BundleSummary[];
  rejections(): RejectedImport[];
}

export interface BundleServiceDeps {
  readonly db: DeskDatabase;
  readonly store: EvidenceStore;
  readonly trust: TrustService;
  readonly audit: AuditLog;
  readonly now: () => Date;
  readonly limits?: ZipLimits;
}

export function createBundleService(deps: BundleServiceDeps): BundleService {
  const { db, store, trust, audit, now } = deps;

  const policy = () => {
    const roster = trust.current();
    return {
      labKeys: roster === null ? [] : trust.keys('lab'),
      labThreshold: roster === null ? 1 : trust.threshold('lab'),
      rosterVersion: roster?.document.version ?? null,
      ...(deps.limits ? { limits: deps.limits } : {}),
    };
  };

  return {
    recover: () => store.recover((sha256) => db.bundles.isEvidenceReferenced(sha256)),
    list: () => listBundles(db),
    rejections: () => listRejections(audit),

    verify: async (file) => {
      await initCrypto();
      const name = path.basename(file);
      try {
        const verified = await verifyBundle(file, policy());
        return {
          ok: true,
          message: `Bundle "${name}" verifies: ${summary(verified)}.`,
          checks: verified.checks,
        };
      } catch (error) {
        if (!(error instanceof BundleRejection)) throw error;
        return {
          ok: false,
          message: `Bundle "${name}" does not verify: ${error.reason}.`,
          checks: error.checks,
        };
      }
    },

    importBundle: async (file, onProgress) => {
      await initCrypto();
      const name = path.basename(file);
      let digest: string | null = null;
      try {
        digest = await sha256OfFile(file);
      } catch {
        return reject(name, null, `the file cannot be read`, []);
      }
      const existing = db.bundles.idByDigest(digest);
      if (existing !== undefined) {
        return {
          status: 'already-imported',
          bundleId: existing,
          digest,
          message: `Bundle "${name}" was already imported; nothing was changed.`,
        };
      }
      const { rosterVersion, ...verifyPolicy } = policy();
      const staging = store.stage();
      try {
        const verified = await verifyBundle(file, {
          ...verifyPolicy,
          staging,
          ...(onProgress ? { onProgress } : {}),
        });
        if (rosterVersion === null) throw new Error('verified without a roster');
        const bundleId = commit(verified, { digest, name, rosterVersion });
        return {
          status: 'imported',
          bundleId,
          digest,
          message: `Bundle "${name}" imported: ${summary(verified)}.`,
          checks: verified.checks,
        };
      } catch (error) {
        if (error instanceof BundleRejection)
          return reject(name, digest, error.reason, error.checks);
        throw error;
      } finally {
        staging.discard();
      }
    },
  };

  function reject(
    name: string,
    digest: string | null,
    reason: string,
    checks: readonly Check[],
  ): ImportOutcome {
    const failed = checks.find((c) => c.status === 'fail');
    audit.record({
      kind: 'bundle.rejected',
      actor: null,
      summary: `Bundle "${name}" rejected: ${reason}.`,
      details: { file: name, digest, check: failed?.id ?? null, reason },
    });
    return {
      status: 'rejected',
      digest,
      message: `Bundle "${name}" was rejected: ${reason}. Nothing was imported.`,
      checks,
    };
  }

  function commit(
    verified: VerifiedBundle,
    meta: { digest: string; name: string; rosterVersion: number },
  ): number {
    const adopted: string[] = [];
    try {
      for (const entry of verified.entries) {
        if (entry.stagedFile === null) throw new Error('import without staged files');
        if (!store.has(entry.sha256)) adopted.push(entry.sha256);
        store.adopt(entry.stagedFile, entry.sha256);
      }
      return db.transaction(() => insertRows(verified, meta));
    } catch (error) {
      // The rows did not land: the files adopted for them must not stay either.
      for (const sha256 of adopted)
        if (!db.bundles.isEvidenceReferenced(sha256)) store.evict(sha256);
      throw error;
    }
  }

  function insertRows(
    verified: VerifiedBundle,
    meta: { digest: string; name: string; rosterVersion: number },
  ): number {
    const { predicate } = verified;
    const modelId = db.bundles.upsertModel(
      predicate.model.developer,
      predicate.model.name,
      predicate.model.version,
    );
    const bundleId = db.bundles.insertBundle({
      digest: meta.digest,
      fileName: meta.name,
      envelope: JSON.stringify(verified.envelope),
      modelId,
      evaluatorId: predicate.evaluator.id,
      evaluatorName: predicate.evaluator.name,
      suiteName: predicate.suite.name,
      suiteVersion: predicate.suite.version ?? null,
      runStartedOn: predicate.runStartedOn,
      runFinishedOn: predicate.runFinishedOn,
      signedBy: JSON.stringify(verified.signedBy.map((k) => k.keyid)),
      rosterVersion: meta.rosterVersion,
      verification: JSON.stringify(verified.checks),
      importedAt: now().toISOString(),
    });
    for (const entry of verified.entries)
      db.bundles.insertEntry(bundleId, entry.path, entry.sha256, entry.size);
    verified.results.forEach((result, position) => {
      db.bundles.insertClaimedResult(bundleId, position, {
        benchmark: result.benchmark,
        metric: result.scorer ? `${result.scorer}/${result.metric}` : result.metric,
        value: result.value,
        stderr: result.stderr ?? null,
        n: result.n ?? null,
        logPath: result.log ?? null,
        logValue: result.logValue,
        status: result.status,
      });
    });
    for (const { path: logPath, sha256, log } of verified.logs)
      insertLog(bundleId, logPath, sha256, log);
    audit.record({
      kind: 'bundle.imported',
      actor: null,
      summary: `Bundle "${meta.name}" imported: ${summary(verified)}.`,
      details: {
        file: meta.name,
        digest: meta.digest,
        model: `${predicate.model.developer}/${predicate.model.name}@${predicate.model.version}`,
        evaluator: predicate.evaluator.id,
        signedBy: verified.signedBy.map((k) => k.keyid),
        rosterVersion: meta.rosterVersion,
      },
    });
    return bundleId;
  }

  function insertLog(bundleId: number, logPath: string, sha256: string, log: InspectLog): void {
    const logId = db.bundles.insertLog(bundleId, {
      path: logPath,
      sha256,
      format: log.format,
      headerSource: log.headerSource,
      task: log.task,
      taskVersion: log.taskVersion === null ? null : String(log.taskVersion),
      model: log.model,
      datasetName: log.dataset.name,
      status: log.status,
      totalSamples: log.totalSamples,
      completedSamples: log.completedSamples,
    });
    for (const metric of log.metrics) db.bundles.insertLogMetric(logId, metric);
    for (const sample of log.samples) {
      const sampleId = db.bundles.insertSample({
        logId,
        sampleId: sample.id,
        epoch: sample.epoch,
        input: sample.input,
        target: sample.target,
        error: sample.error,
        limitHit: sample.limit,
        messageCount: sample.messageCount,
        inputTokens: sample.modelUsage.inputTokens,
        outputTokens: sample.modelUsage.outputTokens,
        totalTokens: sample.modelUsage.totalTokens,
        totalTime: sample.totalTime,
        workingTime: sample.workingTime,
      });
      for (const [scorer, score] of Object.entries(sample.scores)) {
        db.bundles.insertScore(
          sampleId,
          scorer,
          JSON.stringify(score.value ?? null),
          score.numeric,
          score.answer,
          score.explanation,
        );
      }
      db.bundles.indexTranscript(sampleId, sample.transcript);
    }
  }
}

function summary(verified: VerifiedBundle): string {
  const { model, evaluator } = verified.predicate;
  const samples = verified.logs.reduce((n, l) => n + l.log.samples.length, 0);
  return `${model.developer}/${model.name}@${model.version} evaluated by ${evaluator.name}, ${verified.logs.length} logs, ${samples} samples, signed by ${verified.signedBy.map((k) => k.name).join(', ')}`;
}
