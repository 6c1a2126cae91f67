/**
 * An import's writes, done by the bundle worker over its own connection. First the bundle
 * row ('importing': no read sees it) and its entries, so every evidence file is referenced
 * before it moves into the store; then the files; then claimed results, logs, metrics,
 * samples and scores; the full-text index last. Rows go in short transactions
 * (slices.ts). If anything fails or the import is cancelled, what was written is discarded
 * before the error goes on.
 */
import type { DeskDatabase } from '../../db';
import type { EvidenceStore } from '../evidence';
import type { InspectLog } from '../inspect';
import { discardImport } from './discard-import';
import { writeInSlices } from './slices';
import type { BundleProgress, VerifiedBundle } from './verify-bundle';

export interface ImportMeta {
  readonly digest: string;
  readonly fileName: string;
  readonly rosterVersion: number;
  readonly startedAt: string;
}

export interface WriteContext {
  readonly signal: AbortSignal;
  readonly onProgress: (progress: BundleProgress) => void;
  /** The bundle row is committed (still importing). */
  readonly onPending: (bundleId: number) => void;
}

/** The new bundle's id; null if a bundle with the same digest exists (another import's). */
export async function writeImport(
  db: DeskDatabase,
  store: EvidenceStore,
  verified: VerifiedBundle,
  meta: ImportMeta,
  context: WriteContext,
): Promise<number | null> {
  const bundleId = db.transaction(() => insertBundle(db, verified, meta));
  if (bundleId === null) return null;
  context.onPending(bundleId);
  const samples = verified.logs.reduce((n, l) => n + l.log.samples.length, 0);
  // One for the bundle, then each sample twice: its rows, and its transcript's index.
  const total = 1 + 2 * samples;
  let done = 1;
  const tick = () => {
    done += 1;
    context.onProgress({ phase: 'committing', done, total });
  };
  try {
    context.onProgress({ phase: 'committing', done, total });
    for (const entry of verified.entries) {
      context.signal.throwIfAborted();
      if (entry.stagedFile === null) throw new Error('import without staged files');
      store.adopt(entry.stagedFile, entry.sha256);
    }
    const transcripts: { sampleId: number; transcript: string }[] = [];
    await writeInSlices(db, rowSteps(db, bundleId, verified, transcripts, tick), context.signal);
    await writeInSlices(db, indexSteps(db, transcripts, tick), context.signal);
    // The main process's completing commit then finds a short write-ahead log.
    db.checkpoint();
    return bundleId;
  } catch (error) {
    await discardImport(db, store, bundleId);
    throw error;
  }
}

function insertBundle(db: DeskDatabase, verified: VerifiedBundle, meta: ImportMeta): number | null {
  const { predicate } = verified;
  const modelId = db.bundles.upsertModel(
    predicate.model.developer,
    predicate.model.name,
    predicate.model.version,
  );
  const bundleId = db.bundles.insertPendingBundle({
    digest: meta.digest,
    fileName: meta.fileName,
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
    importedAt: meta.startedAt,
  });
  if (bundleId === null) return null;
  for (const entry of verified.entries)
    db.bundles.insertEntry(bundleId, entry.path, entry.sha256, entry.size);
  return bundleId;
}

function* rowSteps(
  db: DeskDatabase,
  bundleId: number,
  verified: VerifiedBundle,
  transcripts: { sampleId: number; transcript: string }[],
  tick: () => void,
): Generator<void> {
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
  yield;
  for (const { path, sha256, log } of verified.logs) {
    const logId = insertLog(db, bundleId, path, sha256, log);
    yield;
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
      transcripts.push({ sampleId, transcript: sample.transcript });
      tick();
      yield;
    }
  }
}

function insertLog(
  db: DeskDatabase,
  bundleId: number,
  path: string,
  sha256: string,
  log: InspectLog,
): number {
  const logId = db.bundles.insertLog(bundleId, {
    path,
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
  return logId;
}

/** The full-text index, last: the most expensive rows, and the ones a later indexer may take over. */
function* indexSteps(
  db: DeskDatabase,
  transcripts: readonly { sampleId: number; transcript: string }[],
  tick: () => void,
): Generator<void> {
  for (const { sampleId, transcript } of transcripts) {
    db.bundles.indexTranscript(sampleId, transcript);
    tick();
    yield;
  }
}
