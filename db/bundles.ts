import type Database from 'better-sqlite3';

export interface NewBundleRow {
  readonly digest: string;
  /** SHA-256 of the DSSE payload (the signed statement), hex. */
  readonly statementDigest: string;
  readonly fileName: string;
  readonly envelope: string;
  readonly modelId: number;
  readonly evaluatorId: string;
  readonly evaluatorName: string;
  readonly suiteName: string;
  readonly suiteVersion: string | null;
  readonly runStartedOn: string;
  readonly runFinishedOn: string;
  readonly signedBy: string;
  /** The statement's model.inspectModels as a JSON array, or null when it names none. */
  readonly inspectModels: string | null;
  readonly rosterVersion: number;
  readonly verification: string;
  /** When the import started; the completing transaction sets when it finished. */
  readonly importedAt: string;
}

/** 'importing' while an import writes its rows: no read of bundles, models or evidence sees it. */
export type ImportState = 'importing' | 'complete';

export interface BundleSummaryRow {
  readonly id: number;
  readonly digest: string;
  readonly fileName: string;
  readonly developer: string;
  readonly modelName: string;
  readonly modelVersion: string;
  readonly evaluatorId: string;
  readonly evaluatorName: string;
  readonly suiteName: string;
  readonly suiteVersion: string | null;
  readonly runStartedOn: string;
  readonly runFinishedOn: string;
  readonly signedBy: string;
  readonly verification: string;
  /** model.inspectModels as a JSON array, or null when the statement names none. */
  readonly inspectModels: string | null;
  readonly importedAt: string;
  readonly logCount: number;
  readonly sampleCount: number;
}

export interface LogRow {
  readonly id: number;
  readonly path: string;
  readonly sha256: string;
  readonly format: string;
  readonly headerSource: string;
  readonly task: string;
  readonly taskVersion: string | null;
  readonly model: string;
  readonly datasetName: string | null;
  readonly status: string;
  readonly totalSamples: number | null;
  readonly completedSamples: number | null;
  /** RunFacts (common/bundles) as JSON; null for a log imported before 0009. */
  readonly runFacts: string | null;
  readonly sampleCount: number;
}

/** A log's digest and one model version a complete bundle holding it is about. */
export interface SharedLogRow {
  readonly sha256: string;
  readonly developer: string;
  readonly name: string;
  readonly version: string;
}

export interface LogMetricRow {
  readonly scorer: string;
  readonly metric: string;
  readonly claimed: number | null;
  readonly recomputed: number | null;
  readonly n: number;
  readonly status: string;
  readonly note: string | null;
}

export interface ClaimedResultRow {
  readonly benchmark: string;
  readonly metric: string;
  readonly value: number;
  readonly stderr: number | null;
  readonly n: number | null;
  readonly logPath: string | null;
  readonly logValue: number | null;
  readonly status: string;
}

export interface SampleRowInput {
  readonly logId: number;
  readonly sampleId: string;
  readonly epoch: number;
  readonly input: string;
  readonly target: string;
  readonly error: string | null;
  readonly limitHit: string | null;
  /** The kind of limit hit (message, token, …); null when none, or imported before 0009. */
  readonly limitType: string | null;
  /** The sample's scalar metadata as a JSON object; null for a sample imported before 0009. */
  readonly metadata: string | null;
  readonly messageCount: number;
  /** Where each message starts in the transcript, a JSON array; null if imported before 0011. */
  readonly messageStarts: string | null;
  /** How often Inspect retried the sample after an error; null if imported before 0012. */
  readonly errorRetries: number | null;
  /** Who invalidated the sample, when and why, as JSON; null for a valid one (or before 0013). */
  readonly invalidation: string | null;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
  readonly totalTime: number | null;
  readonly workingTime: number | null;
}

export interface BundleStatements {
  /** The bundle with this file digest, complete or still importing. */
  findByDigest(digest: string): { id: number; importState: ImportState } | undefined;
  /** The bundle with this signed statement (any file that wraps it), complete or importing. */
  findByStatement(statementDigest: string): { id: number; importState: ImportState } | undefined;
  /** Bundles imported before statement digests were kept, with their envelopes. */
  withoutStatementDigest(): { id: number; envelope: string }[];
  setStatementDigest(bundleId: number, statementDigest: string): void;
  upsertModel(developer: string, name: string, version: string): number;
  /**
   * A new bundle in state 'importing'; null if one with its file digest or its statement
   * digest exists (in any state).
   */
  insertPendingBundle(row: NewBundleRow): number | null;
  /**
   * Makes an importing bundle visible, with its whole verification report; false if there is
   * no such bundle (it was discarded).
   */
  completeImport(bundleId: number, importedAt: string, verification: string): boolean;
  /** Bundles left 'importing' (by a crash, or by an import still running). */
  pendingIds(): number[];
  /** The digests of a bundle's entries. */
  entryDigestsOf(bundleId: number): string[];
  /**
   * Deletes a little of an importing bundle: one sample with its scores and full-text row,
   * or, once no sample is left, everything else of it (and its model, if nothing else uses
   * it). False when nothing is left. Never touches a complete bundle.
   */
  discardStep(bundleId: number): boolean;
  insertEntry(bundleId: number, path: string, sha256: string, size: number): void;
  insertClaimedResult(bundleId: number, position: number, row: ClaimedResultRow): void;
  insertLog(bundleId: number, row: Omit<LogRow, 'id' | 'sampleCount'>): number;
  insertLogMetric(logId: number, row: LogMetricRow): void;
  insertSample(row: SampleRowInput): number;
  insertScore(
    sampleId: number,
    scorer: string,
    value: string,
    numeric: number | null,
    answer: string | null,
    explanation: string | null,
  ): void;
  indexTranscript(sampleId: number, transcript: string): void;
  /** Whether any bundle's entry, importing ones included, names this digest (the store keeps it). */
  isEvidenceReferenced(sha256: string): boolean;
  /** Complete bundles only. */
  list(): BundleSummaryRow[];
  logsOf(bundleId: number): LogRow[];
  /** Each model version holding a log (by digest) that a bundle of another version holds too. */
  sharedLogs(): SharedLogRow[];
  metricsOf(logId: number): LogMetricRow[];
  claimedOf(bundleId: number): ClaimedResultRow[];
}

export function bundleStatements(db: Database.Database): BundleStatements {
  const findByDigest = db.prepare<[string], { id: number; importState: ImportState }>(
    `SELECT id, import_state AS importState FROM bundle WHERE digest = ?`,
  );
  const findByStatement = db.prepare<[string], { id: number; importState: ImportState }>(
    `SELECT id, import_state AS importState FROM bundle WHERE statement_digest = ?`,
  );
  const withoutStatementDigest = db.prepare<[], { id: number; envelope: string }>(
    `SELECT id, envelope FROM bundle WHERE statement_digest IS NULL ORDER BY id`,
  );
  const setStatementDigest = db.prepare<[string, number]>(
    // OR IGNORE: two bundles imported before 0007 may hold one statement; the later keeps NULL.
    `UPDATE OR IGNORE bundle SET statement_digest = ? WHERE id = ? AND statement_digest IS NULL`,
  );
  const insertModel = db.prepare<[string, string, string]>(
    `INSERT INTO model (developer, name, version) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const modelId = db.prepare<[string, string, string], { id: number }>(
    `SELECT id FROM model WHERE developer = ? AND name = ? AND version = ?`,
  );
  const insertBundle = db.prepare(
    `INSERT INTO bundle (digest, statement_digest, file_name, envelope, model_id, evaluator_id,
       evaluator_name, suite_name, suite_version, run_started_on, run_finished_on, signed_by,
       inspect_models, roster_version, verification, imported_at, import_state)
     VALUES (@digest, @statementDigest, @fileName, @envelope, @modelId, @evaluatorId,
       @evaluatorName, @suiteName, @suiteVersion, @runStartedOn, @runFinishedOn, @signedBy,
       @inspectModels, @rosterVersion, @verification, @importedAt, 'importing')
     ON CONFLICT DO NOTHING`,
  );
  const completeImport = db.prepare<[string, string, number]>(
    `UPDATE bundle SET import_state = 'complete', imported_at = ?, verification = ?
      WHERE id = ? AND import_state = 'importing'`,
  );
  const pendingIds = db.prepare<[], { id: number }>(
    `SELECT id FROM bundle WHERE import_state = 'importing' ORDER BY id`,
  );
  const entryDigests = db.prepare<[number], { sha256: string }>(
    `SELECT DISTINCT sha256 FROM bundle_entry WHERE bundle_id = ?`,
  );
  const discard = discardStatements(db);
  const insertEntry = db.prepare<[number, string, string, number]>(
    `INSERT INTO bundle_entry (bundle_id, path, sha256, size) VALUES (?, ?, ?, ?)`,
  );
  const insertClaimed = db.prepare(
    `INSERT INTO claimed_result (bundle_id, position, benchmark, metric, value, stderr, n, log_path, log_value, status)
     VALUES (@bundleId, @position, @benchmark, @metric, @value, @stderr, @n, @logPath, @logValue, @status)`,
  );
  const insertLog = db.prepare(
    `INSERT INTO eval_log (bundle_id, path, sha256, format, header_source, task, task_version, model,
       dataset_name, status, total_samples, completed_samples, run_facts)
     VALUES (@bundleId, @path, @sha256, @format, @headerSource, @task, @taskVersion, @model,
       @datasetName, @status, @totalSamples, @completedSamples, @runFacts)`,
  );
  const insertMetric = db.prepare(
    `INSERT INTO log_metric (log_id, scorer, metric, claimed, recomputed, n, status, note)
     VALUES (@logId, @scorer, @metric, @claimed, @recomputed, @n, @status, @note)`,
  );
  const insertSample = db.prepare(
    `INSERT INTO sample (log_id, sample_id, epoch, input, target, error, limit_hit, limit_type,
       metadata, message_count, message_starts, error_retries, invalidation, input_tokens,
       output_tokens, total_tokens, total_time, working_time)
     VALUES (@logId, @sampleId, @epoch, @input, @target, @error, @limitHit, @limitType,
       @metadata, @messageCount, @messageStarts, @errorRetries, @invalidation, @inputTokens, @outputTokens, @totalTokens, @totalTime, @workingTime)`,
  );
  const insertScore = db.prepare<
    [number, string, string, number | null, string | null, string | null]
  >(
    `INSERT INTO sample_score (sample_id, scorer, value, numeric, answer, explanation) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const indexTranscript = db.prepare<[number, string]>(
    `INSERT INTO transcript_fts (rowid, transcript) VALUES (?, ?)`,
  );
  const referenced = db.prepare<[string], { one: number }>(
    `SELECT 1 AS one FROM bundle_entry WHERE sha256 = ? LIMIT 1`,
  );
  const list = db.prepare<[], BundleSummaryRow>(
    `SELECT b.id, b.digest, b.file_name AS fileName, m.developer, m.name AS modelName, m.version AS modelVersion,
            b.evaluator_id AS evaluatorId, b.evaluator_name AS evaluatorName, b.suite_name AS suiteName,
            b.suite_version AS suiteVersion, b.run_started_on AS runStartedOn, b.run_finished_on AS runFinishedOn,
            b.signed_by AS signedBy, b.verification, b.inspect_models AS inspectModels,
            b.imported_at AS importedAt,
            (SELECT count(*) FROM eval_log l WHERE l.bundle_id = b.id) AS logCount,
            (SELECT count(*) FROM sample s JOIN eval_log l ON s.log_id = l.id WHERE l.bundle_id = b.id) AS sampleCount
       FROM bundle b JOIN model m ON m.id = b.model_id
      WHERE b.import_state = 'complete'
      ORDER BY b.imported_at DESC, b.id DESC`,
  );
  const logsOf = db.prepare<[number], LogRow>(
    `SELECT l.id, l.path, l.sha256, l.format, l.header_source AS headerSource, l.task, l.task_version AS taskVersion,
            l.model, l.dataset_name AS datasetName, l.status, l.total_samples AS totalSamples,
            l.completed_samples AS completedSamples, l.run_facts AS runFacts,
            (SELECT count(*) FROM sample s WHERE s.log_id = l.id) AS sampleCount
       FROM eval_log l WHERE l.bundle_id = ? ORDER BY l.path`,
  );
  const sharedLogs = db.prepare<[], SharedLogRow>(
    `SELECT DISTINCT l.sha256, m.developer, m.name, m.version
       FROM eval_log l JOIN bundle b ON b.id = l.bundle_id JOIN model m ON m.id = b.model_id
      WHERE b.import_state = 'complete'
        AND l.sha256 IN (SELECT l2.sha256 FROM eval_log l2 JOIN bundle b2 ON b2.id = l2.bundle_id
                          WHERE b2.import_state = 'complete'
                          GROUP BY l2.sha256 HAVING count(DISTINCT b2.model_id) > 1)
      ORDER BY l.sha256, m.developer, m.name, m.version`,
  );
  const metricsOf = db.prepare<[number], LogMetricRow>(
    `SELECT scorer, metric, claimed, recomputed, n, status, note FROM log_metric WHERE log_id = ? ORDER BY scorer, metric`,
  );
  const claimedOf = db.prepare<[number], ClaimedResultRow>(
    `SELECT benchmark, metric, value, stderr, n, log_path AS logPath, log_value AS logValue, status
       FROM claimed_result WHERE bundle_id = ? ORDER BY position`,
  );

  return {
    findByDigest: (digest) => findByDigest.get(digest),
    findByStatement: (statementDigest) => findByStatement.get(statementDigest),
    withoutStatementDigest: () => withoutStatementDigest.all(),
    setStatementDigest: (bundleId, statementDigest) => {
      setStatementDigest.run(statementDigest, bundleId);
    },
    upsertModel: (developer, name, version) => {
      insertModel.run(developer, name, version);
      const row = modelId.get(developer, name, version);
      if (row === undefined) throw new Error('model row vanished inside its own transaction');
      return row.id;
    },
    insertPendingBundle: (row) => {
      const result = insertBundle.run(row);
      return result.changes === 1 ? Number(result.lastInsertRowid) : null;
    },
    completeImport: (bundleId, importedAt, verification) =>
      completeImport.run(importedAt, verification, bundleId).changes === 1,
    pendingIds: () => pendingIds.all().map((r) => r.id),
    entryDigestsOf: (bundleId) => entryDigests.all(bundleId).map((r) => r.sha256),
    discardStep: (bundleId) => discard(bundleId),
    insertEntry: (bundleId, path, sha256, size) => {
      insertEntry.run(bundleId, path, sha256, size);
    },
    insertClaimedResult: (bundleId, position, row) => {
      insertClaimed.run({ bundleId, position, ...row });
    },
    insertLog: (bundleId, row) => Number(insertLog.run({ bundleId, ...row }).lastInsertRowid),
    insertLogMetric: (logId, row) => {
      insertMetric.run({ logId, ...row });
    },
    insertSample: (row) => Number(insertSample.run(row).lastInsertRowid),
    insertScore: (sampleId, scorer, value, numeric, answer, explanation) => {
      insertScore.run(sampleId, scorer, value, numeric, answer, explanation);
    },
    indexTranscript: (sampleId, transcript) => {
      indexTranscript.run(sampleId, transcript);
    },
    isEvidenceReferenced: (sha256) => referenced.get(sha256) !== undefined,
    list: () => list.all(),
    logsOf: (bundleId) => logsOf.all(bundleId),
    sharedLogs: () => sharedLogs.all(),
    metricsOf: (logId) => metricsOf.all(logId),
    claimedOf: (bundleId) => claimedOf.all(bundleId),
  };
}

/** The deletes behind `discardStep`, children before parents (foreign keys are on). */
function discardStatements(db: Database.Database): (bundleId: number) => boolean {
  const pendingModel = db.prepare<[number], { modelId: number }>(
    `SELECT model_id AS modelId FROM bundle WHERE id = ? AND import_state = 'importing'`,
  );
  const nextSample = db.prepare<[number], { id: number }>(
    `SELECT s.id FROM eval_log l JOIN sample s ON s.log_id = l.id WHERE l.bundle_id = ? LIMIT 1`,
  );
  const sampleRows = [
    `DELETE FROM transcript_fts WHERE rowid = ?`,
    `DELETE FROM sample_score WHERE sample_id = ?`,
    `DELETE FROM sample WHERE id = ?`,
  ].map((sql) => db.prepare<[number]>(sql));
  const bundleRows = [
    `DELETE FROM log_metric WHERE log_id IN (SELECT id FROM eval_log WHERE bundle_id = ?)`,
    `DELETE FROM eval_log WHERE bundle_id = ?`,
    `DELETE FROM claimed_result WHERE bundle_id = ?`,
    `DELETE FROM bundle_entry WHERE bundle_id = ?`,
    `DELETE FROM bundle WHERE id = ?`,
  ].map((sql) => db.prepare<[number]>(sql));
  const unusedModel = db.prepare<[number, number]>(
    `DELETE FROM model WHERE id = ? AND NOT EXISTS (SELECT 1 FROM bundle WHERE model_id = ?)`,
  );
  return (bundleId) => {
    const pending = pendingModel.get(bundleId);
    if (pending === undefined) return false;
    const sample = nextSample.get(bundleId);
    if (sample !== undefined) {
      for (const statement of sampleRows) statement.run(sample.id);
      return true;
    }
    for (const statement of bundleRows) statement.run(bundleId);
    unusedModel.run(pending.modelId, pending.modelId);
    return false;
  };
}
