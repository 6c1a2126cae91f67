/**
 * The bundle worker's work (bundle.worker.ts runs it): one read of the file that hashes it
 * while copying it into staging (source-file.ts), verification of that copy (zip, DSSE,
 * digests into staging, Inspect logs, metrics) and, for an import, the evidence and every
 * row under a bundle still importing, each log's rows as soon as it is read. What is left
 * for the main process is the one small transaction that completes the import and records
 * it in the audit log.
 */
import path from 'node:path';
import { openDatabase, type DeskDatabase } from '../../db';
import { initCrypto } from '../crypto';
import { copySource, createEvidenceStore } from '../evidence';
import { FileProblem } from '../user-files';
import type { TaskContext } from '../workers';
import type {
  BundleEvent,
  BundleTask,
  ImportAnswer,
  ImportTask,
  VerifyAnswer,
  VerifyTask,
} from './bundle-task';
import { BundleRejection } from './checks';
import { signerNames } from './claims';
import { verifyBundle, type BundleProgress, type VerifiedBundle } from './verify-bundle';
import { DuplicateImport, importWriter } from './write-import';
import { modelLabel } from '../../common/models';

type Context = TaskContext<BundleEvent>;

export async function runBundleTask(
  task: BundleTask,
  context: Context,
): Promise<VerifyAnswer | ImportAnswer> {
  await initCrypto();
  return task.kind === 'verify' ? verifyTask(task, context) : importTask(task, context);
}

/** The private copy of the file in the staging folder, the one thing verification reads. */
const SOURCE_COPY = 'source.evbundle';

async function verifyTask(task: VerifyTask, { signal }: Context): Promise<VerifyAnswer> {
  const copy = path.join(task.staging, SOURCE_COPY);
  try {
    await copySource(task.file, copy, { signal });
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    return { ok: false, reason: `the file ${error.message}`, checks: [] };
  }
  try {
    const verified = await verifyBundle(copy, { ...task.policy, signal });
    return { ok: true, summary: summary(verified), checks: verified.checks };
  } catch (error) {
    if (!(error instanceof BundleRejection)) throw error;
    return { ok: false, reason: error.reason, checks: error.checks };
  }
}

async function importTask(task: ImportTask, context: Context): Promise<ImportAnswer> {
  const { signal, emit } = context;
  const onProgress = throttled((progress) => {
    emit({ kind: 'progress', progress });
  });
  const copy = path.join(task.staging, SOURCE_COPY);
  let digest: string;
  try {
    ({ sha256: digest } = await copySource(task.file, copy, {
      signal,
      onProgress: (done, total) => {
        onProgress({ phase: 'hashing', done, total });
      },
    }));
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof FileProblem)
      return { status: 'unreadable', reason: `the file ${error.message}` };
    return { status: 'unreadable', reason: 'the file cannot be read' };
  }
  emit({ kind: 'hashed', digest });
  // NORMAL: nothing this connection writes is visible before the main process's FULL
  // commit completes the import, and that commit's WAL fsync makes all of it durable.
  const db = openDatabase(task.database, {
    mustExist: true,
    migrated: true,
    synchronous: 'normal',
  });
  try {
    const known = db.bundles.findByDigest(digest);
    if (known !== undefined) return duplicateOf(known, digest);

    const store = createEvidenceStore(task.dataDir, task.evidenceDir);
    const writer = importWriter(
      db,
      store,
      {
        digest,
        fileName: path.basename(task.file),
        rosterVersion: task.rosterVersion,
        startedAt: task.startedAt,
      },
      {
        signal,
        onProgress,
        onPending: (id) => {
          emit({ kind: 'pending', bundleId: id });
        },
      },
    );
    let verified: VerifiedBundle;
    let bundleId: number;
    try {
      verified = await verifyBundle(copy, {
        ...task.policy,
        staging: store.stagingAt(task.staging),
        onProgress,
        signal,
        onLog: writer.writeLog,
      });
      bundleId = writer.finish(verified);
    } catch (error) {
      await writer.discard();
      if (error instanceof BundleRejection)
        return { status: 'rejected', digest, reason: error.reason, checks: error.checks };
      if (error instanceof DuplicateImport) {
        const other =
          db.bundles.findByDigest(digest) ?? db.bundles.findByStatement(error.statementDigest);
        return duplicateOf(other, digest);
      }
      throw error;
    }
    const { model, evaluator } = verified.predicate;
    return {
      status: 'written',
      digest,
      bundleId,
      summary: summary(verified),
      checks: verified.checks,
      model: modelLabel(model),
      evaluator: evaluator.id,
      signedBy: verified.signedBy.map((k) => k.keyid),
    };
  } finally {
    db.close();
  }
}

/** Progress at each phase change, at the end of a phase and every half per cent between. */
function throttled(emit: (progress: BundleProgress) => void): (progress: BundleProgress) => void {
  let phase = '';
  let reported = -1;
  return (progress) => {
    const step = progress.total / 200;
    if (
      progress.phase === phase &&
      progress.done < progress.total &&
      progress.done - reported < step
    )
      return;
    phase = progress.phase;
    reported = progress.done;
    emit(progress);
  };
}

/** A bundle with the same file or statement exists: imported, or another import still running. */
function duplicateOf(
  other: ReturnType<DeskDatabase['bundles']['findByDigest']>,
  digest: string,
): ImportAnswer {
  return other?.importState === 'complete'
    ? { status: 'already-imported', digest, bundleId: other.id }
    : { status: 'in-progress', digest };
}

function summary(verified: VerifiedBundle): string {
  const { model } = verified.predicate;
  const samples = verified.logs.reduce((n, l) => n + l.samples, 0);
  return `${modelLabel(model)}, ${verified.logs.length} logs, ${samples} samples, signed by ${signerNames(verified.signedBy)}`;
}
