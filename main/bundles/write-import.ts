/**
 * An import's writes, done by the bundle worker over its own connection while it verifies.
 * Once the signature, the statement, the entry set and the digests have passed, the bundle
 * row ('importing': no read sees it) and its entries go in, so every evidence file is
 * referenced before it moves into the store. Then each log's rows (the log, its metrics,
 * samples and scores, then its transcripts' full-text index) as soon as the log is read,
 * so only one log is ever held in memory; after the last log, the claimed results and the
 * evidence files. Rows go in short transactions (slices.ts). `discard()` removes whatever
 * was written, for an import that fails, is rejected by a later check or is cancelled.
 */
import type { DeskDatabase } from '../../db';
import type { EvidenceStore } from '../evidence';
import type { InspectLog } from '../inspect';
import { discardImport } from './discard-import';
import { logColumns, sampleColumns, scoreColumns } from './log-rows';
import { writeInSlices } from './slices';
import type { BundleProgress, ReadLog, VerifiedBundle, VerifiedHeader } from './verify-bundle';

export interface ImportMeta {
  readonly digest: string;
  readonly fileName: string;
  /** The roster the bundle is verified against (none: nothing verifies, so nothing is written). */
  readonly rosterVersion: number | null;
  readonly startedAt: string;
}

export interface WriteContext {
  readonly signal: AbortSignal;
  readonly onProgress: (progress: BundleProgress) => void;
  /** The bundle row is committed (still importing). */
  readonly onPending: (bundleId: number) => void;
}

/**
 * Another import's bundle row has this file digest or this signed statement: this import
 * stops, having written nothing.
 */
export class DuplicateImport extends Error {
  override readonly name = 'DuplicateImport';
  constructor(readonly statementDigest: string) {
    super(`A bundle with this file or statement ${statementDigest} exists.`);
  }
}

export interface ImportWriter {
  /** Writes a log's rows (verifyBundle's `onLog`). */
  readonly writeLog: (read: ReadLog, header: VerifiedHeader) => Promise<void>;
  /** Writes what follows the last log and moves the evidence into the store: the bundle's id. */
  finish(verified: VerifiedBundle): number;
  /** Removes every row and store file this import has written. */
  discard(): Promise<void>;
}

export function importWriter(
  db: DeskDatabase,
  store: EvidenceStore,
  meta: ImportMeta,
  context: WriteContext,
): ImportWriter {
  let bundleId: number | null = null;

  const begin = (header: VerifiedHeader): number => {
    if (bundleId !== null) return bundleId;
    const id = db.transaction(() => insertBundle(db, header, meta));
    if (id === null) throw new DuplicateImport(header.statementDigest);
    bundleId = id;
    context.onPending(id);
    return id;
  };

  return {
    writeLog: async (read, header) => {
      const id = begin(header);
      // Progress within the log, in the same phase: its rows are part of reading it.
      const steps = 2 * read.log.samples.length;
      let done = 0;
      const tick = () => {
        done += 1;
        context.onProgress({
          phase: 'reading logs',
          done: read.index + done / steps,
          total: read.count,
        });
      };
      const transcripts: { sampleId: number; transcript: string }[] = [];
      await writeInSlices(db, logSteps(db, id, read, transcripts, tick), context.signal);
      await writeInSlices(db, indexSteps(db, transcripts, tick), context.signal);
    },

    finish: (verified) => {
      const id = begin(verified);
      const total = verified.entries.length + 1;
      context.onProgress({ phase: 'committing', done: 0, total });
      db.transaction(() => {
        insertClaimedResults(db, id, verified);
      });
      for (const [i, entry] of verified.entries.entries()) {
        context.signal.throwIfAborted();
        if (entry.stagedFile === null) throw new Error('import without staged files');
        store.adopt(entry.stagedFile, entry.sha256);
        context.onProgress({ phase: 'committing', done: i + 1, total });
      }
      // The main process's completing commit then finds a short write-ahead log.
      db.checkpoint();
      context.onProgress({ phase: 'committing', done: total, total });
      return id;
    },

    discard: async () => {
      if (bundleId !== null) await discardImport(db, store, bundleId);
    },
  };
}

function insertBundle(db: DeskDatabase, header: VerifiedHeader, meta: ImportMeta): number | null {
  if (meta.rosterVersion === null) throw new Error('verified without a roster');
  const { predicate } = header;
  const modelId = db.bundles.upsertModel(
    predicate.model.developer,
    predicate.model.name,
    predicate.model.version,
  );
  const bundleId = db.bundles.insertPendingBundle({
    digest: meta.digest,
    statementDigest: header.statementDigest,
    fileName: meta.fileName,
    envelope: JSON.stringify(header.envelope),
    modelId,
    evaluatorId: predicate.evaluator.id,
    evaluatorName: predicate.evaluator.name,
    suiteName: predicate.suite.name,
    suiteVersion: predicate.suite.version ?? null,
    runStartedOn: predicate.runStartedOn,
    runFinishedOn: predicate.runFinishedOn,
    signedBy: JSON.stringify(header.signedBy.map((k) => k.keyid)),
    inspectModels:
      predicate.model.inspectModels === undefined
        ? null
        : JSON.stringify(predicate.model.inspectModels),
    rosterVersion: meta.rosterVersion,
    // The report so far; completion records the whole one.
    verification: JSON.stringify(header.checks),
    importedAt: meta.startedAt,
  });
  if (bundleId === null) return null;
  for (const entry of header.entries)
    db.bundles.insertEntry(bundleId, entry.path, entry.sha256, entry.size);
  return bundleId;
}

function insertClaimedResults(db: DeskDatabase, bundleId: number, verified: VerifiedBundle): void {
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
}

function* logSteps(
  db: DeskDatabase,
  bundleId: number,
  { path, sha256, log }: ReadLog,
  transcripts: { sampleId: number; transcript: string }[],
  tick: () => void,
): Generator<void> {
  const logId = insertLog(db, bundleId, path, sha256, log);
  yield;
  for (const sample of log.samples) {
    const sampleId = db.bundles.insertSample({ logId, ...sampleColumns(sample) });
    for (const score of scoreColumns(sample)) {
      db.bundles.insertScore(
        sampleId,
        score.scorer,
        score.value,
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

function insertLog(
  db: DeskDatabase,
  bundleId: number,
  path: string,
  sha256: string,
  log: InspectLog,
): number {
  const logId = db.bundles.insertLog(bundleId, { path, sha256, ...logColumns(log) });
  for (const metric of log.metrics) db.bundles.insertLogMetric(logId, metric);
  return logId;
}

/** A log's full-text index after its rows: the most expensive rows, and the ones a later indexer may take over. */
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
