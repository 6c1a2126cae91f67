import type Database from 'better-sqlite3';

/** A model with imported bundles, for the dossier list. */
export interface ModelSummaryRow {
  readonly id: number;
  readonly developer: string;
  readonly name: string;
  readonly version: string;
  readonly bundleCount: number;
  /** The latest `runFinishedOn` of its bundles, as the bundle states it (RFC 3339). */
  readonly latestRun: string;
}

/** One Inspect log of one bundle of a model, with what the bundle says about its run. */
export interface EvidenceLogRow {
  readonly logId: number;
  readonly bundleId: number;
  readonly bundleFile: string;
  readonly evaluatorId: string;
  readonly evaluatorName: string;
  /** The keyids that signed the bundle (JSON array). */
  readonly signedBy: string;
  readonly runFinishedOn: string;
  readonly path: string;
  readonly task: string;
  readonly status: string;
}

/** A metric of a log: what Inspect recorded against what the samples give. */
export interface EvidenceMetricRow {
  readonly logId: number;
  readonly scorer: string;
  readonly metric: string;
  readonly claimed: number | null;
  readonly recomputed: number | null;
  readonly n: number;
  readonly status: string;
}

/** A result the lab signed, and how it compared with the log it names. */
export interface EvidenceClaimRow {
  readonly bundleId: number;
  readonly logPath: string;
  readonly benchmark: string;
  /** "scorer/metric", or "metric" when the claim names no scorer. */
  readonly metric: string;
  readonly value: number;
  readonly logValue: number | null;
  readonly status: string;
}

export interface SampleScoreRow {
  readonly sampleId: string;
  readonly epoch: number;
  /** Null where the scorer gave no number, or did not score the sample (an error). */
  readonly numeric: number | null;
  /** 1 when the sample ended in an error, 0 otherwise. */
  readonly errored: number;
  /** 1 when the sample stopped at a limit, 0 otherwise. */
  readonly limited: number;
  /** 1 when someone invalidated the sample after the run, 0 otherwise. */
  readonly invalidated: number;
}

export interface SampleMetadataValueRow {
  readonly sampleId: string;
  /** The value as SQLite holds it (true and false as 1 and 0), null when the key is missing. */
  readonly value: string | number | null;
  /** json_each's type of it: 'text', 'integer', 'real', 'true', 'false', 'null', …; null when missing. */
  readonly type: string | null;
}

/**
 * The read side of imported evidence, by model. Every stored bundle passed verification
 * (a rejected one is never stored), so "every bundle" here is "every verified bundle";
 * a bundle still importing is not one yet, and no query here sees it.
 */
export interface ModelStatements {
  list(): ModelSummaryRow[];
  idOf(developer: string, name: string, version: string): number | undefined;
  logsOf(modelId: number): EvidenceLogRow[];
  metricsOf(modelId: number): EvidenceMetricRow[];
  /** Claimed results that name a log (a claim without one points at no evidence). */
  claimsOf(modelId: number): EvidenceClaimRow[];
  /** Every sample and epoch of one log, with one scorer's numeric score where it gave one. */
  sampleScores(logId: number, scorer: string): SampleScoreRow[];
  /** One metadata key's value of every sample of one log (first epoch), for clustering. */
  sampleMetadataValues(logId: number, key: string): SampleMetadataValueRow[];
  /** Every (benchmark, scorer, metric) some complete import has, for the threshold editor. */
  metricNames(): MetricNameRow[];
}

export interface MetricNameRow {
  /** The Inspect task. */
  readonly benchmark: string;
  readonly scorer: string;
  readonly metric: string;
}

/** The condition every read here puts on a bundle `b`. */
const COMPLETE = `b.import_state = 'complete'`;

export function modelStatements(db: Database.Database): ModelStatements {
  const metricNames = db.prepare<[], MetricNameRow>(
    `SELECT DISTINCT l.task AS benchmark, lm.scorer, lm.metric
       FROM log_metric lm JOIN eval_log l ON l.id = lm.log_id JOIN bundle b ON b.id = l.bundle_id
      WHERE ${COMPLETE}
      ORDER BY 1, 2, 3`,
  );
  // julianday() reads RFC 3339 with any offset, so a run finished at 09:30-01:00 sorts
  // after one finished at 10:00Z, as it should; comparing the text would not.
  const list = db.prepare<[], ModelSummaryRow>(
    `SELECT m.id, m.developer, m.name, m.version,
            (SELECT count(*) FROM bundle b WHERE b.model_id = m.id AND ${COMPLETE}) AS bundleCount,
            (SELECT b.run_finished_on FROM bundle b WHERE b.model_id = m.id AND ${COMPLETE}
              ORDER BY julianday(b.run_finished_on) DESC, b.id DESC LIMIT 1) AS latestRun
       FROM model m
      WHERE EXISTS (SELECT 1 FROM bundle b WHERE b.model_id = m.id AND ${COMPLETE})
      ORDER BY m.developer, m.name, m.version`,
  );
  const idOf = db.prepare<[string, string, string], { id: number }>(
    `SELECT m.id FROM model m
      WHERE m.developer = ? AND m.name = ? AND m.version = ?
        AND EXISTS (SELECT 1 FROM bundle b WHERE b.model_id = m.id AND ${COMPLETE})`,
  );
  const logsOf = db.prepare<[number], EvidenceLogRow>(
    `SELECT l.id AS logId, b.id AS bundleId, b.file_name AS bundleFile, b.evaluator_id AS evaluatorId,
            b.evaluator_name AS evaluatorName, b.signed_by AS signedBy, b.run_finished_on AS runFinishedOn,
            l.path, l.task, l.status
       FROM bundle b JOIN eval_log l ON l.bundle_id = b.id
      WHERE b.model_id = ? AND ${COMPLETE}
      ORDER BY b.id, l.path`,
  );
  const metricsOf = db.prepare<[number], EvidenceMetricRow>(
    `SELECT lm.log_id AS logId, lm.scorer, lm.metric, lm.claimed, lm.recomputed, lm.n, lm.status
       FROM bundle b JOIN eval_log l ON l.bundle_id = b.id JOIN log_metric lm ON lm.log_id = l.id
      WHERE b.model_id = ? AND ${COMPLETE}
      ORDER BY b.id, l.path, lm.scorer, lm.metric`,
  );
  const claimsOf = db.prepare<[number], EvidenceClaimRow>(
    `SELECT c.bundle_id AS bundleId, c.log_path AS logPath, c.benchmark, c.metric, c.value,
            c.log_value AS logValue, c.status
       FROM bundle b JOIN claimed_result c ON c.bundle_id = b.id
      WHERE b.model_id = ? AND ${COMPLETE} AND c.log_path IS NOT NULL
      ORDER BY b.id, c.position`,
  );
  const sampleScores = db.prepare<[string, number], SampleScoreRow>(
    `SELECT s.sample_id AS sampleId, s.epoch, sc.numeric,
            s.error IS NOT NULL AS errored, s.limit_hit IS NOT NULL AS limited,
            s.invalidation IS NOT NULL AS invalidated
       FROM sample s LEFT JOIN sample_score sc ON sc.sample_id = s.id AND sc.scorer = ?
      WHERE s.log_id = ?
      ORDER BY s.id`,
  );

  // json_each, not a JSON path: a key is any text the log wrote, quotes and dots included.
  const sampleMetadataValues = db.prepare<[string, number], SampleMetadataValueRow>(
    `SELECT s.sample_id AS sampleId, m.atom AS value, m.type
       FROM sample s LEFT JOIN json_each(s.metadata) m ON m.key = ?
      WHERE s.log_id = ? AND s.epoch = (SELECT min(f.epoch) FROM sample f
                                         WHERE f.log_id = s.log_id AND f.sample_id = s.sample_id)
      ORDER BY s.id`,
  );

  return {
    list: () => list.all(),
    idOf: (developer, name, version) => idOf.get(developer, name, version)?.id,
    logsOf: (modelId) => logsOf.all(modelId),
    metricsOf: (modelId) => metricsOf.all(modelId),
    claimsOf: (modelId) => claimsOf.all(modelId),
    sampleScores: (logId, scorer) => sampleScores.all(scorer, logId),
    sampleMetadataValues: (logId, key) => sampleMetadataValues.all(key, logId),
    metricNames: () => metricNames.all(),
  };
}
