import type Database from 'better-sqlite3';
import type { ModelRef } from '../common/models';
import { BoundedMap } from './bounded-map';
import type { SampleFilter } from '../common/sample-filter';
import { compileSampleFilter } from './sample-filter-sql';

/** One transcript that matches, with where it is and a snippet around the match. */
export interface TranscriptHitRow {
  /** The sample's row, for `transcriptOf`. */
  readonly sampleRow: number;
  readonly modelId: number;
  readonly logId: number;
  readonly developer: string;
  readonly name: string;
  readonly version: string;
  readonly bundleFile: string;
  readonly logPath: string;
  readonly task: string;
  readonly sampleId: string;
  readonly epoch: number;
  /** Up to a dozen words around the match, the matched words between « and ». */
  readonly snippet: string;
}

export interface TranscriptSearch {
  /** An FTS5 MATCH expression the caller built (main/search quotes every word). */
  readonly match: string;
  readonly model: ModelRef | null;
  /** The Inspect task, exactly. */
  readonly benchmark: string | null;
  /** A samples-grid filter the sample must also pass (compiled by db/sample-filter-sql). */
  readonly filter: SampleFilter | null;
  readonly limit: number;
}

/** A sample's transcript and where its messages start (a JSON array; null before 0011). */
export interface TranscriptRow {
  readonly transcript: string;
  readonly messageStarts: string | null;
}

export interface SearchStatements {
  /** Matching transcripts of complete bundles, best first (FTS5's rank, then row id). */
  transcripts(search: TranscriptSearch): TranscriptHitRow[];
  transcriptOf(sampleRow: number): TranscriptRow | undefined;
}

/** Distinct filter shapes kept prepared. */
const PREPARED_STATEMENTS = 16;

export function searchStatements(db: Database.Database): SearchStatements {
  const prepared = new BoundedMap<string, Database.Statement>(PREPARED_STATEMENTS);
  const statement = (filterSql: string) =>
    prepared.getOrAdd(filterSql, () =>
      db.prepare(
        `SELECT s.id AS sampleRow, m.id AS modelId, l.id AS logId, m.developer, m.name, m.version, b.file_name AS bundleFile, l.path AS logPath, l.task,
                s.sample_id AS sampleId, s.epoch,
                snippet(transcript_fts, 0, '«', '»', '…', 12) AS snippet
           FROM transcript_fts
           JOIN sample s ON s.id = transcript_fts.rowid
           JOIN eval_log l ON l.id = s.log_id
           JOIN bundle b ON b.id = l.bundle_id AND b.import_state = 'complete'
           JOIN model m ON m.id = b.model_id
          WHERE transcript_fts MATCH @match
            AND (@developer IS NULL OR (m.developer = @developer AND m.name = @name AND m.version = @version))
            AND (@benchmark IS NULL OR l.task = @benchmark)
            AND ${filterSql}
          ORDER BY rank, s.id
          LIMIT @limit`,
      ),
    );
  const transcriptOf = db.prepare<[number], TranscriptRow>(
    `SELECT t.transcript, s.message_starts AS messageStarts
       FROM sample s JOIN transcript_fts t ON t.rowid = s.id WHERE s.id = ?`,
  );
  return {
    transcriptOf: (sampleRow) => transcriptOf.get(sampleRow),
    transcripts: ({ match, model, benchmark, filter, limit }) => {
      const condition = filter ? compileSampleFilter(filter) : { sql: '1', params: [] };
      return statement(condition.sql).all(...condition.params, {
        match,
        developer: model?.developer ?? null,
        name: model?.name ?? null,
        version: model?.version ?? null,
        benchmark,
        limit,
      }) as TranscriptHitRow[];
    },
  };
}
