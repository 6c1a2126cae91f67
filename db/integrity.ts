/**
 * Read-only queries for `desk doctor` (main/integrity): the schema as it is and as the
 * migrations make it, the audit log's ids, and every stored row that must be re-derivable
 * from the content-addressed evidence. The connection is opened read-only, so a check can
 * never change what it checks.
 */
import Database from 'better-sqlite3';
import type { LogMetricRow, LogRow, SampleRowInput } from './bundles';
import { identityStatements, type IdentityStatements } from './identities';
import { migrate } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { rosterStatements, type RosterStatements } from './roster';
import { taskReferenceStatements, type TaskReferenceStatements } from './task-references';

export interface SchemaObjectRow {
  readonly type: string;
  readonly name: string;
  readonly sql: string | null;
}

export interface AuditIdsRow {
  /** The ids present, ascending. */
  readonly seqs: number[];
  /** The highest id AUTOINCREMENT has handed out (0 if none). */
  readonly issued: number;
}

/** A log of a complete bundle, with the bundle it came in. */
export type StoredLogRow = Omit<LogRow, 'sampleCount'> & {
  readonly bundleDigest: string;
  readonly bundleFileName: string;
};

/** A stored sample: the row the import wrote, its id, and its transcript's full-text row. */
export type StoredSampleRow = Omit<SampleRowInput, 'logId'> & {
  readonly id: number;
  readonly transcript: string | null;
};

export interface StoredScoreRow {
  readonly scorer: string;
  readonly value: string;
  readonly numeric: number | null;
  readonly answer: string | null;
  readonly explanation: string | null;
}

export interface IntegrityReader {
  readonly schemaVersion: number;
  readonly roster: Pick<RosterStatements, 'all' | 'installs'>;
  readonly identities: Pick<IdentityStatements, 'all'>;
  readonly taskReferences: Pick<TaskReferenceStatements, 'all' | 'tasks'>;
  schemaObjects(): SchemaObjectRow[];
  auditIds(): AuditIdsRow;
  /** Every evidence digest a complete bundle references. */
  evidenceDigests(): string[];
  /** The logs of complete bundles. */
  logs(): StoredLogRow[];
  metrics(logId: number): LogMetricRow[];
  samples(logId: number): StoredSampleRow[];
  scores(sampleRowId: number): StoredScoreRow[];
  close(): void;
}

const SCHEMA_OBJECTS = `SELECT type, name, sql FROM sqlite_master ORDER BY type, name`;

/** The schema objects a fresh database has after every migration: what a checked one must match. */
export function expectedSchemaObjects(): SchemaObjectRow[] {
  const db = new Database(':memory:');
  try {
    migrate(db);
    return db.prepare<[], SchemaObjectRow>(SCHEMA_OBJECTS).all();
  } finally {
    db.close();
  }
}

/** The database is at another schema version than this build's: it cannot be compared. */
export class SchemaVersionMismatch extends Error {
  override readonly name = 'SchemaVersionMismatch';
}

export function openIntegrityReader(file: string): IntegrityReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion !== LATEST_SCHEMA_VERSION) {
      throw new SchemaVersionMismatch(
        `The database has schema version ${schemaVersion}, not ${LATEST_SCHEMA_VERSION}: open it with this version of Designation Desk first, which migrates it.`,
      );
    }
    return integrityReader(db, schemaVersion);
  } catch (error) {
    db.close();
    throw error;
  }
}

function integrityReader(db: Database.Database, schemaVersion: number): IntegrityReader {
  const objects = db.prepare<[], SchemaObjectRow>(SCHEMA_OBJECTS);
  const seqs = db.prepare<[], { seq: number }>(`SELECT seq FROM audit_event ORDER BY seq`);
  const issued = db.prepare<[], { seq: number }>(
    `SELECT seq FROM sqlite_sequence WHERE name = 'audit_event'`,
  );
  const digests = db.prepare<[], { sha256: string }>(
    `SELECT DISTINCT e.sha256 FROM bundle_entry e JOIN bundle b ON b.id = e.bundle_id
      WHERE b.import_state = 'complete' ORDER BY e.sha256`,
  );
  const logs = db.prepare<[], StoredLogRow>(
    `SELECT l.id, b.digest AS bundleDigest, b.file_name AS bundleFileName, l.path, l.sha256,
            l.format, l.header_source AS headerSource, l.task, l.task_version AS taskVersion,
            l.model, l.dataset_name AS datasetName, l.status, l.total_samples AS totalSamples,
            l.completed_samples AS completedSamples, l.run_facts AS runFacts
       FROM eval_log l JOIN bundle b ON b.id = l.bundle_id
      WHERE b.import_state = 'complete' ORDER BY b.id, l.path`,
  );
  const metrics = db.prepare<[number], LogMetricRow>(
    `SELECT scorer, metric, claimed, recomputed, n, status, note
       FROM log_metric WHERE log_id = ? ORDER BY scorer, metric`,
  );
  const samples = db.prepare<[number], StoredSampleRow>(
    `SELECT s.id, s.sample_id AS sampleId, s.epoch, s.input, s.target, s.error,
            s.limit_hit AS limitHit, s.limit_type AS limitType, s.metadata,
            s.message_count AS messageCount, s.message_starts AS messageStarts,
            s.error_retries AS errorRetries, s.invalidation,
            s.input_tokens AS inputTokens, s.output_tokens AS outputTokens,
            s.total_tokens AS totalTokens, s.total_time AS totalTime,
            s.working_time AS workingTime, t.transcript
       FROM sample s LEFT JOIN transcript_fts t ON t.rowid = s.id
      WHERE s.log_id = ? ORDER BY s.sample_id, s.epoch`,
  );
  const scores = db.prepare<[number], StoredScoreRow>(
    `SELECT scorer, value, numeric, answer, explanation
       FROM sample_score WHERE sample_id = ? ORDER BY scorer`,
  );
  const roster = rosterStatements(db);
  const identities = identityStatements(db);
  const taskReferences = taskReferenceStatements(db);
  return {
    schemaVersion,
    roster,
    identities,
    taskReferences,
    schemaObjects: () => objects.all(),
    auditIds: () => ({ seqs: seqs.all().map((r) => r.seq), issued: issued.get()?.seq ?? 0 }),
    evidenceDigests: () => digests.all().map((r) => r.sha256),
    logs: () => logs.all(),
    metrics: (logId) => metrics.all(logId),
    samples: (logId) => samples.all(logId),
    scores: (sampleRowId) => scores.all(sampleRowId),
    close: () => {
      db.close();
    },
  };
}
