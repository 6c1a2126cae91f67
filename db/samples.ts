/**
 * The samples grid's query: one page of a log's, a bundle's or a model version's samples
 * (complete imports only), filtered by a SampleFilter, sorted by any value a filter can
 * read, and how many match in all.
 */
import type Database from 'better-sqlite3';
import {
  compileRegex,
  SAMPLE_PAGE_LIMIT,
  type SampleFilter,
  type SampleScope,
  type SampleSort,
  type TextMatcher,
} from '../common/sample-filter';
import type { SampleRowInput } from './bundles';
import {
  compileSampleFilter,
  compileSortKey,
  REGEXP_FUNCTION,
  type SqlFragment,
  type SqlParam,
} from './sample-filter-sql';
import { BoundedMap } from './bounded-map';

/** How much of a long text (input, target, error, answer) a grid row carries. */
export const PREVIEW_CHARACTERS = 500;

export interface SampleGridScore {
  readonly scorer: string;
  /** The score's value as JSON. */
  readonly value: string;
  readonly numeric: number | null;
  readonly answerPreview: string | null;
}

/** One sample (one epoch of one Inspect sample) as a grid row. */
export interface SampleGridRow extends Omit<
  SampleRowInput,
  'input' | 'target' | 'error' | 'messageStarts'
> {
  /** The sample's row id: the key for reading the whole sample. */
  readonly id: number;
  readonly logPath: string;
  readonly task: string;
  /** The first PREVIEW_CHARACTERS characters. */
  readonly inputPreview: string;
  readonly targetPreview: string;
  readonly errorPreview: string | null;
  readonly limitType: string | null;
  /** The sample's scalar metadata as a JSON object; null for samples imported before 0009. */
  readonly metadata: string | null;
  /** Every score of the sample, by scorer name. */
  readonly scores: readonly SampleGridScore[];
}

export interface SamplePageQuery {
  readonly scope: SampleScope;
  /** null: every sample of the scope. */
  readonly filter: SampleFilter | null;
  /** null: in row-id order, which is import order. */
  readonly sort: SampleSort | null;
  readonly offset: number;
  /** 1 to SAMPLE_PAGE_LIMIT. */
  readonly limit: number;
}

export interface SamplePage {
  readonly rows: readonly SampleGridRow[];
  /** How many samples of the scope match the filter, over all pages. */
  readonly total: number;
}

/** Where one sample's log is and whose it is, for reading the sample whole. */
export interface SampleLocation {
  readonly rowId: number;
  readonly logId: number;
  readonly logPath: string;
  readonly logSha256: string;
  readonly task: string;
  readonly inspectModel: string;
  readonly bundleId: number;
  readonly modelId: number;
  readonly developer: string;
  readonly name: string;
  readonly version: string;
}

export interface SampleStatements {
  page(query: SamplePageQuery): SamplePage;
  /** The sample `sampleId` (Inspect's id as text) of `epoch` in the log, if it was imported. */
  locate(logId: number, sampleId: string, epoch: number): SampleLocation | undefined;
  /** The scorers that scored the scope's samples, by name: those a filter may name. */
  scorers(scope: SampleScope): string[];
  /** Every scorer of every sample on the workstation, by name (for a search's filter). */
  allScorers(): string[];
}

/** Distinct SQL texts kept prepared: one per filter shape a reviewer is paging through. */
const PREPARED_STATEMENTS = 32;
const COMPILED_PATTERNS = 32;

/**
 * The scope's samples. CROSS JOIN keeps this order, bundles to their logs to their samples
 * through the indexes; left to itself the planner scanned every sample of the workstation
 * and joined each to its bundle to test the scope.
 */
const FROM_SCOPE = `FROM bundle b
  CROSS JOIN eval_log l ON l.bundle_id = b.id
  CROSS JOIN sample s ON s.log_id = l.id`;

const SCOPE_CONDITION: Readonly<Record<SampleScope['kind'], string>> = {
  log: 'l.id = ?',
  bundle: 'b.id = ?',
  model: 'b.model_id = ?',
};

export function sampleStatements(db: Database.Database): SampleStatements {
  registerRegexp(db);
  const prepared = new BoundedMap<string, Database.Statement<SqlParam[]>>(PREPARED_STATEMENTS);
  const statement = (sql: string) => prepared.getOrAdd(sql, () => db.prepare<SqlParam[]>(sql));

  const scoresOf = db.prepare<[string], SampleGridScore & { rowId: number }>(
    `SELECT sc.sample_id AS rowId, sc.scorer, sc.value, sc.numeric,
            substr(sc.answer, 1, ${PREVIEW_CHARACTERS}) AS answerPreview
       FROM sample_score sc
      WHERE sc.sample_id IN (SELECT value FROM json_each(?))
      ORDER BY sc.sample_id, sc.scorer`,
  );

  // The filter and the sort key are computed once per sample, into `matches`: the total
  // counts it, and only the page's rows are read in full. One read transaction, so the
  // rows, the total and the scores are of one moment even while an import completes.
  const page = db.transaction((query: SamplePageQuery): SamplePage => {
    checkPage(query);
    const where = whereOf(query.scope, query.filter);
    const order = orderOf(query.sort);
    const rows = statement(
      `WITH matches AS MATERIALIZED (
         SELECT s.id, ${order.sql} AS sort_key ${FROM_SCOPE} WHERE ${where.sql}
       ),
       page AS (
         SELECT id, sort_key FROM matches ${order.clause('sort_key', 'id')} LIMIT ? OFFSET ?
       )
       SELECT (SELECT count(*) FROM matches) AS total,
              s.id, s.log_id AS logId, l.path AS logPath, l.task, s.sample_id AS sampleId, s.epoch,
              substr(s.input, 1, ${PREVIEW_CHARACTERS}) AS inputPreview,
              substr(s.target, 1, ${PREVIEW_CHARACTERS}) AS targetPreview,
              substr(s.error, 1, ${PREVIEW_CHARACTERS}) AS errorPreview,
              s.limit_hit AS limitHit, s.limit_type AS limitType, s.message_count AS messageCount,
              s.input_tokens AS inputTokens, s.output_tokens AS outputTokens,
              s.total_tokens AS totalTokens, s.total_time AS totalTime,
              s.working_time AS workingTime, s.error_retries AS errorRetries, s.invalidation, s.metadata
         FROM page p CROSS JOIN sample s ON s.id = p.id CROSS JOIN eval_log l ON l.id = s.log_id
        ${order.clause('p.sort_key', 'p.id')}`,
    ).all(...order.params, ...where.params, query.limit, query.offset) as (Omit<
      SampleGridRow,
      'scores'
    > & { total?: number })[];
    // A page past the last match has no row to carry the total.
    const total =
      rows[0]?.total ??
      (
        statement(`SELECT count(*) AS total ${FROM_SCOPE} WHERE ${where.sql}`).get(
          ...where.params,
        ) as { total: number }
      ).total;
    for (const row of rows) delete row.total;
    const scores = Map.groupBy(
      scoresOf.all(JSON.stringify(rows.map((row) => row.id))),
      (score) => score.rowId,
    );
    return {
      rows: rows.map((row) => ({
        ...row,
        scores: (scores.get(row.id) ?? []).map(({ scorer, value, numeric, answerPreview }) => ({
          scorer,
          value,
          numeric,
          answerPreview,
        })),
      })),
      total,
    };
  });

  const locate = db.prepare<[number, string, number], SampleLocation>(
    `SELECT s.id AS rowId, l.id AS logId, l.path AS logPath, l.sha256 AS logSha256, l.task,
            l.model AS inspectModel, b.id AS bundleId, m.id AS modelId, m.developer, m.name,
            m.version
       FROM sample s JOIN eval_log l ON l.id = s.log_id JOIN bundle b ON b.id = l.bundle_id
       JOIN model m ON m.id = b.model_id
      WHERE s.log_id = ? AND s.sample_id = ? AND s.epoch = ? AND b.import_state = 'complete'`,
  );

  const allScorers = db.prepare<[], { scorer: string }>(
    `${SCORER_NAMES} SELECT scorer FROM names WHERE scorer IS NOT NULL`,
  );

  return {
    page: (query) => page.deferred(query),
    allScorers: () => allScorers.all().map((row) => row.scorer),
    locate: (logId, sampleId, epoch) => locate.get(logId, sampleId, epoch),
    scorers: (scope) => {
      const where = whereOf(scope, null);
      return (
        statement(
          `${SCORER_NAMES}
           SELECT scorer FROM names
            WHERE scorer IS NOT NULL AND EXISTS (
              SELECT 1 ${FROM_SCOPE}
               WHERE ${where.sql} AND EXISTS (
                 SELECT 1 FROM sample_score sc WHERE sc.sample_id = s.id AND sc.scorer = names.scorer))`,
        ).all(...where.params) as { scorer: string }[]
      ).map((row) => row.scorer);
    },
  };
}

/**
 * Every scorer name once, in order, one index step each (sample_score_scorer, 0010): there
 * are a few names among hundreds of thousands of scores. Each is then looked for in the
 * scope, which stops at the first sample that has it.
 */
const SCORER_NAMES = `WITH RECURSIVE names(scorer) AS (
  SELECT (SELECT min(scorer) FROM sample_score)
  UNION ALL
  SELECT (SELECT min(scorer) FROM sample_score WHERE scorer > names.scorer)
    FROM names WHERE names.scorer IS NOT NULL
)`;

function whereOf(scope: SampleScope, filter: SampleFilter | null): SqlFragment {
  const scopeId =
    scope.kind === 'log' ? scope.logId : scope.kind === 'bundle' ? scope.bundleId : scope.modelId;
  if (!Object.hasOwn(SCOPE_CONDITION, scope.kind)) throw new Error('not a sample scope');
  const condition = filter ? compileSampleFilter(filter) : { sql: '1', params: [] };
  return {
    sql: `b.import_state = 'complete' AND ${SCOPE_CONDITION[scope.kind]} AND ${condition.sql}`,
    params: [scopeId, ...condition.params],
  };
}

/** What a page is sorted by: a key per sample, and the ORDER BY of that key (missing last, ties by row id). */
function orderOf(sort: SampleSort | null): SqlFragment & {
  clause(key: string, id: string): string;
} {
  const key = sort ? compileSortKey(sort.by) : { sql: 's.id', params: [] };
  const direction = sort?.direction === 'desc' ? 'DESC' : 'ASC';
  return { ...key, clause: (k, id) => `ORDER BY ${k} ${direction} NULLS LAST, ${id}` };
}

function checkPage({ offset, limit }: SamplePageQuery): void {
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new RangeError(`A page's offset is a whole number from 0, not ${offset}.`);
  }
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > SAMPLE_PAGE_LIMIT) {
    throw new RangeError(`A page holds 1 to ${SAMPLE_PAGE_LIMIT} samples, not ${limit}.`);
  }
}

/**
 * SQLite has no REGEXP of its own. This one is the linear-time matcher of
 * common/sample-filter, so no pattern and no text can make a query backtrack for long.
 */
function registerRegexp(db: Database.Database): void {
  const matchers = new BoundedMap<string, TextMatcher>(COMPILED_PATTERNS);
  db.function(
    REGEXP_FUNCTION,
    { deterministic: true },
    (pattern: unknown, ignoreCase: unknown, text: unknown) => {
      if (typeof text !== 'string') return 0;
      if (typeof pattern !== 'string') throw new TypeError(`${REGEXP_FUNCTION} needs a pattern`);
      const matcher = matchers.getOrAdd(`${ignoreCase ? 'i' : '-'}${pattern}`, () =>
        compileRegex(pattern, Boolean(ignoreCase)),
      );
      return matcher.test(text) ? 1 : 0;
    },
  );
}
