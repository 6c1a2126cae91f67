/**
 * Import and verification of result bundles. The heavy work runs in a bundle worker
 * (run-bundle-task.ts): hashing, verification into a staging area, moving the evidence into
 * the store and writing every row under a bundle no read sees yet. This side keeps the
 * staging folder alive for the import's whole life (it marks the import as running for
 * other processes), then completes the import in one small transaction with its own clock
 * and the audit event, so the audit log has a single writer.
 *
 * An import is atomic: a rejection, a cancellation or a worker that stops leaves nothing
 * but one audit entry naming the reason (the rows the worker wrote are discarded). A crash
 * leaves a bundle still importing, staging files and unreferenced store files, which
 * `recover()` removes at start-up.
 */
import path from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import type { DeskDatabase } from '../../db';
import type { AuditLog } from '../audit';
import { sha256Hex } from '../crypto';
import type { EvidenceStore } from '../evidence';
import type { TrustService } from '../trust';
import { runWorker, WorkerFailure } from '../workers';
import type { BundleLimits } from '../inspect';
import type { ZipLimits } from '../zip';
import type { BundleSummary, Check, ImportProgress, RejectedImport } from '../../common/bundles';
import { printable } from '../../common/text';
import { listBundles, listRejections } from './bundle-summaries';
import bundleWorker from './bundle.worker?modulePath';
import type {
  BundleEvent,
  BundlePolicy,
  BundleTask,
  ImportAnswer,
  ImportTask,
  VerifyAnswer,
} from './bundle-task';
import { discardImport, discardPendingNow } from './discard-import';
import type { BundleProgress } from './verify-bundle';

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
    }
  /** Another import of the same file is still running; nothing was changed. */
  | { readonly status: 'refused'; readonly digest: string; readonly message: string }
  | { readonly status: 'cancelled'; readonly digest: string | null; readonly message: string };

export type VerifyOutcome =
  | { readonly ok: true; readonly message: string; readonly checks: readonly Check[] }
  | { readonly ok: false; readonly message: string; readonly checks: readonly Check[] };

export interface ImportOptions {
  readonly onProgress?: (progress: BundleProgress) => void;
  /** Who is signed in (null: no one, the window locked or the CLI), for the audit log. */
  readonly actor?: string | null;
  /** Aborting stops the import; it then leaves what a rejection leaves. */
  readonly signal?: AbortSignal;
}

export interface BatchOptions {
  /** As ImportOptions.actor. */
  readonly actor?: string | null;
  /** Progress of the bundle being imported (`file` as given). */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Each bundle's outcome, as soon as it is known. */
  readonly onOutcome?: (outcome: BatchOutcome) => void;
  /** Aborting stops the bundle in progress and skips the rest. */
  readonly signal?: AbortSignal;
}

export type BatchOutcome = ImportOutcome & { readonly file: string };

export interface BundleService {
  importBundle(file: string, options?: ImportOptions): Promise<ImportOutcome>;
  /** Imports files one after the other. */
  importBundles(files: readonly string[], options?: BatchOptions): Promise<BatchOutcome[]>;
  verify(file: string): Promise<VerifyOutcome>;
  /** Removes what an interrupted import left behind. */
  recover(): { removedImports: number; removedFiles: number };
  list(): BundleSummary[];
  rejections(): RejectedImport[];
}

export interface ImportWorkerOptions {
  /** What the bundle worker may use; running out ends the worker alone, as a rejection. */
  readonly resourceLimits?: ResourceLimits;
  /** What all of a bundle's logs may cost together (main/inspect/budget.ts). */
  readonly evidenceLimits?: Partial<BundleLimits>;
  /** How long a cancelled import may take to clean up before its worker is terminated. */
  readonly cancelGraceMs?: number;
}

export interface BundleServiceDeps {
  readonly db: DeskDatabase;
  readonly store: EvidenceStore;
  readonly trust: TrustService;
  readonly audit: AuditLog;
  readonly now: () => Date;
  readonly limits?: ZipLimits;
  readonly worker?: ImportWorkerOptions;
}

/**
 * The bundle worker's budget. Logs are read one at a time and each JSON text is bounded
 * before it is parsed (main/inspect/limits.ts), so what an import holds is about one log.
 * Measured: the bench's largest log (600 samples, 75 MB inflated) imports within 128 MiB of
 * old generation, a log whose one member is a 200 MiB attachment within 1 GiB. Exhausting
 * it ends the worker alone, reported as a rejection; it never ends the application.
 */
const IMPORT_WORKER_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 1024,
  maxYoungGenerationSizeMb: 64,
  stackSizeMb: 4,
};

export function createBundleService(deps: BundleServiceDeps): BundleService {
  const { db, store, trust, audit, now } = deps;

  /** What a bundle is verified against: the current roster's lab keys and threshold. */
  const trusted = (): { policy: BundlePolicy; rosterVersion: number | null } => {
    const roster = trust.current();
    return {
      policy: {
        labKeys: roster === null ? [] : trust.keys('lab'),
        labThreshold: roster === null ? 1 : trust.threshold('lab'),
        ...(deps.limits ? { limits: deps.limits } : {}),
        verifiedAt: now().toISOString(),
        ...(deps.worker?.evidenceLimits ? { evidenceLimits: deps.worker.evidenceLimits } : {}),
      },
      rosterVersion: roster?.document.version ?? null,
    };
  };

  const resourceLimits = deps.worker?.resourceLimits ?? IMPORT_WORKER_LIMITS;
  const run = <Answer>(
    task: BundleTask,
    options: { signal?: AbortSignal; onEvent?: (event: BundleEvent) => void },
  ) =>
    runWorker<Answer, BundleEvent>(bundleWorker, task, {
      name: 'desk-bundle-worker',
      resourceLimits,
      ...(deps.worker?.cancelGraceMs === undefined
        ? {}
        : { cancelGraceMs: deps.worker.cancelGraceMs }),
      ...options,
    });

  const importBundle = async (
    file: string,
    options: ImportOptions = {},
  ): Promise<ImportOutcome> => {
    const { signal } = options;
    const actor = options.actor ?? null;
    const name = printable(path.basename(file));
    const { policy, rosterVersion } = trusted();
    const staging = store.stage();
    // What the worker has reported so far: the file's digest, and the bundle row it made.
    const seen: { digest: string | null; pending: number | null } = { digest: null, pending: null };
    try {
      const task: ImportTask = {
        kind: 'import',
        file,
        policy,
        rosterVersion,
        database: db.file,
        dataDir: store.dataDir,
        evidenceDir: store.evidenceDir,
        staging: staging.dir,
        startedAt: now().toISOString(),
      };
      const answer = await run<ImportAnswer>(task, {
        ...(signal ? { signal } : {}),
        onEvent: (event) => {
          if (event.kind === 'progress') options.onProgress?.(event.progress);
          else if (event.kind === 'hashed') seen.digest = event.digest;
          else seen.pending = event.bundleId;
        },
      });
      if (answer.status === 'written' && signal?.aborted) {
        // Cancelled after the last row but before completion: still a cancellation.
        await discardImport(db, store, answer.bundleId);
        return cancelled(name, answer.digest, actor);
      }
      try {
        return settle(name, answer, rosterVersion, actor);
      } catch (error) {
        // Not completed (the database refused the last transaction): undo, then report.
        if (answer.status === 'written') await discardImport(db, store, answer.bundleId);
        throw error;
      }
    } catch (error) {
      if (!(error instanceof WorkerFailure)) throw error;
      // The worker discards its own rows when it can; when it could not, this does.
      if (seen.pending !== null) await discardImport(db, store, seen.pending);
      if (error.kind === 'cancelled') return cancelled(name, seen.digest, actor);
      if (error.kind === 'failed') throw new Error(`The bundle worker failed: ${error.message}`);
      if (error.kind === 'out-of-memory')
        return reject(name, seen.digest, outOfMemory(), [], actor);
      return reject(name, seen.digest, `the import worker stopped: ${error.message}`, [], actor);
    } finally {
      staging.discard();
    }
  };

  return {
    importBundle,

    importBundles: async (files, options = {}) => {
      const { signal } = options;
      const outcomes: BatchOutcome[] = [];
      for (const file of files) {
        const outcome: ImportOutcome = signal?.aborted
          ? skipped(printable(path.basename(file)))
          : await importBundle(file, {
              ...(signal ? { signal } : {}),
              actor: options.actor ?? null,
              onProgress: (progress) => options.onProgress?.({ file, ...progress }),
            });
        outcomes.push({ file, ...outcome });
        options.onOutcome?.({ file, ...outcome });
      }
      return outcomes;
    },

    verify: async (file) => {
      const name = printable(path.basename(file));
      const staging = store.stage();
      let answer: VerifyAnswer;
      try {
        answer = await run<VerifyAnswer>(
          { kind: 'verify', file, policy: trusted().policy, staging: staging.dir },
          {},
        );
      } finally {
        staging.discard();
      }
      return answer.ok
        ? {
            ok: true,
            message: `Bundle "${name}" verifies: ${answer.summary}.`,
            checks: answer.checks,
          }
        : {
            ok: false,
            message: `Bundle "${name}" does not verify: ${answer.reason}.`,
            checks: answer.checks,
          };
    },

    recover: () => {
      backfillStatementDigests(db);
      // Another process's import is still running: its rows and files are not leftovers.
      if (store.clearStaging().liveImports > 0) return { removedImports: 0, removedFiles: 0 };
      const removedImports = discardPendingNow(db);
      const removedFiles = store.collect((sha256) => db.bundles.isEvidenceReferenced(sha256));
      return { removedImports, removedFiles };
    },

    list: () => listBundles(db, trust),
    rejections: () => listRejections(audit),
  };

  /** The worker's heap ran out: more evidence than one import may hold (IMPORT_WORKER_LIMITS). */
  function outOfMemory(): string {
    const heap = resourceLimits.maxOldGenerationSizeMb;
    return `the evidence exceeds the limit of what one import may hold in memory${heap === undefined ? '' : ` (${heap} MiB)`}`;
  }

  function settle(
    name: string,
    answer: ImportAnswer,
    rosterVersion: number | null,
    actor: string | null,
  ): ImportOutcome {
    switch (answer.status) {
      case 'unreadable':
        return reject(name, null, answer.reason, [], actor);
      case 'already-imported':
        return {
          status: 'already-imported',
          bundleId: answer.bundleId,
          digest: answer.digest,
          message: `Bundle "${name}" was already imported as bundle ${answer.bundleId}; nothing was changed.`,
        };
      case 'in-progress':
        return {
          status: 'refused',
          digest: answer.digest,
          message: `Bundle "${name}" is already being imported (in this window or by another desk command); nothing was changed.`,
        };
      case 'rejected':
        return reject(name, answer.digest, answer.reason, answer.checks, actor);
      case 'written':
        return complete(name, answer, rosterVersion, actor);
    }
  }

  /** The one transaction that makes the worker's rows visible, with the audit event. */
  function complete(
    name: string,
    written: Extract<ImportAnswer, { status: 'written' }>,
    rosterVersion: number | null,
    actor: string | null,
  ): ImportOutcome {
    const summary = `Bundle "${name}" imported: ${written.summary}.`;
    db.transaction(() => {
      const verification = JSON.stringify(written.checks);
      if (!db.bundles.completeImport(written.bundleId, now().toISOString(), verification)) {
        throw new Error(`The imported bundle ${written.bundleId} vanished before completion.`);
      }
      audit.record({
        kind: 'bundle.imported',
        actor,
        summary: `Bundle "${name}" imported${byWhom(actor)}: ${written.summary}.`,
        details: {
          file: name,
          digest: written.digest,
          model: written.model,
          evaluator: written.evaluator,
          signedBy: [...written.signedBy],
          rosterVersion,
        },
      });
    });
    return {
      status: 'imported',
      bundleId: written.bundleId,
      digest: written.digest,
      message: summary,
      checks: written.checks,
    };
  }

  function reject(
    name: string,
    digest: string | null,
    reason: string,
    checks: readonly Check[],
    actor: string | null,
  ): ImportOutcome {
    recordRejection(name, digest, reason, checks, actor);
    return {
      status: 'rejected',
      digest,
      message: `Bundle "${name}" was rejected: ${reason}. Nothing was imported.`,
      checks,
    };
  }

  function cancelled(name: string, digest: string | null, actor: string | null): ImportOutcome {
    recordRejection(name, digest, 'the import was cancelled', [], actor);
    return {
      status: 'cancelled',
      digest,
      message: `The import of "${name}" was cancelled; nothing was imported and nothing was left behind.`,
    };
  }

  function recordRejection(
    name: string,
    digest: string | null,
    reason: string,
    checks: readonly Check[],
    actor: string | null,
  ): void {
    const failed = checks.find((c) => c.status === 'fail');
    audit.record({
      kind: 'bundle.rejected',
      actor,
      summary: `Bundle "${name}" rejected${byWhom(actor)}: ${reason}.`,
      details: { file: name, digest, check: failed?.id ?? null, reason },
    });
  }
}

/**
 * Bundles imported before statement digests were kept (migration 0007) get theirs from the
 * envelope they were verified with, so a re-wrapped copy of one is still a duplicate.
 */
function backfillStatementDigests(db: DeskDatabase): void {
  for (const { id, envelope } of db.bundles.withoutStatementDigest()) {
    const { payload } = JSON.parse(envelope) as { payload?: unknown };
    if (typeof payload !== 'string') continue;
    db.bundles.setStatementDigest(id, sha256Hex(Buffer.from(payload, 'base64')));
  }
}

function skipped(name: string): ImportOutcome {
  return {
    status: 'cancelled',
    digest: null,
    message: `The import of "${name}" was cancelled before it started; nothing was imported.`,
  };
}

/** Who imported, for the audit log: the person signed in, or that no one was (locked, or the CLI). */
function byWhom(actor: string | null): string {
  return actor === null ? ' while no one was signed in' : ` by ${actor}`;
}
