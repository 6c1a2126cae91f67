import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  parseSampleFilter,
  type SampleFilter,
  type SampleScope,
  type SampleSort,
} from '../common/sample-filter';
import {
  buildSyntheticEvidence,
  HOSTILE_NAME,
  type SyntheticEvidence,
  type SyntheticSample,
} from '../tests/support/synthetic-samples';
import { useTempDirs } from '../tests/support/temp-dir';
import { compileSampleFilter } from './sample-filter-sql';

/** Inputs of the last log's first samples: each must be matched only as the text it is. */
const PAYLOADS = [
  "'",
  '"',
  ';',
  '--',
  ')',
  "x' OR 1=1 --",
  '" OR ""="',
  "'); DROP TABLE sample; --",
  '\u0000',
  'a\u0000b',
  '\\',
  'x'.repeat(600),
];

/** What contains() looks for: the payload, as a pattern no longer than a pattern may be. */
const searched = (payload: string) => payload.slice(0, 100);
const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
const asString = (text: string) => `"${text.replace(/[\\"]/g, '\\$&')}"`;
const asName = (text: string) => `'${text.replace(/[\\']/g, '\\$&')}'`;

type Predicate = (s: SyntheticSample) => boolean;
const meta = (s: SyntheticSample, key: string) => s.metadata?.[key];
const grader = (s: SyntheticSample) =>
  s.scores.grader?.value as { accuracy: number; label: string };
const numberAbove = (value: unknown, than: number) => typeof value === 'number' && value > than;

/** Each construct of the language, with what it must match written in JavaScript. */
const CASES: [string, Predicate][] = [
  ['epoch == 2', (s) => s.epoch === 2],
  ['epoch != 2', (s) => s.epoch !== 2],
  [
    'tokens >= 300 and duration < 60',
    (s) => s.totalTokens >= 300 && s.totalTime !== null && s.totalTime < 60,
  ],
  // A comparison with a missing value is false; not makes it true.
  ['not duration < 60', (s) => !(s.totalTime !== null && s.totalTime < 60)],
  ['duration != 15', (s) => s.totalTime !== 15],
  [
    'has_error or has_limit and epoch == 1',
    (s) => s.error !== null || (s.limitHit !== null && s.epoch === 1),
  ],
  [
    '(has_error or has_limit) and epoch == 1',
    (s) => (s.error !== null || s.limitHit !== null) && s.epoch === 1,
  ],
  ['not has_error and not has_limit', (s) => s.error === null && s.limitHit === null],
  ['not epoch == 1 or has_error', (s) => s.epoch !== 1 || s.error !== null],
  ['epoch in (2)', (s) => s.epoch === 2],
  ['id in (3, "s-4") and epoch == 1', (s) => ['3', 's-4'].includes(s.sampleId) && s.epoch === 1],
  ['id not in ("s-1", 2)', (s) => !['s-1', '2'].includes(s.sampleId)],
  ['id == 7', (s) => s.sampleId === '7'],
  ['limit == "token"', (s) => s.limitType === 'token'],
  ['limit in ("token", "time")', (s) => s.limitType === 'token' || s.limitType === 'time'],
  ['limit == None', (s) => s.limitType === null],
  ['error != None', (s) => s.error !== null],
  ['target == "flag{x}"', (s) => s.target === 'flag{x}'],
  ['includes == "C"', (s) => s.scores.includes?.value === 'C'],
  ['includes != "C"', (s) => s.scores.includes?.value !== 'C'],
  ['includes == 1', (s) => s.scores.includes?.numeric === 1],
  ['includes < 0.5', (s) => s.scores.includes?.numeric === 0],
  ['includes == None', (s) => !s.scores.includes],
  ['grader.accuracy >= 0.5', (s) => grader(s).accuracy >= 0.5],
  [
    'grader.label == "good" and grader.accuracy < 0.2',
    (s) => grader(s).label === 'good' && grader(s).accuracy < 0.2,
  ],
  ['grader.missing == None', () => true],
  ['correct', (s) => s.scores.correct?.value === true],
  ['not correct', (s) => s.scores.correct?.value !== true],
  ['correct == False', (s) => s.scores.correct?.value === false],
  ['correct != False', (s) => s.scores.correct?.value !== false],
  ["'my-scorer' > 50", (s) => numberAbove(s.scores['my-scorer']?.numeric, 50)],
  ['metadata.category == "web"', (s) => meta(s, 'category') === 'web'],
  [
    'metadata.category in ("web", "pwn")',
    (s) => meta(s, 'category') === 'web' || meta(s, 'category') === 'pwn',
  ],
  ['metadata.difficulty >= 3', (s) => numberAbove(meta(s, 'difficulty'), 2)],
  // Strict types: a number is not the string "3".
  ['metadata.difficulty == "3"', () => false],
  ["metadata.'odd key.v2' == True", (s) => meta(s, 'odd key.v2') === true],
  ["metadata.'odd key.v2'", (s) => meta(s, 'odd key.v2') === true],
  ['metadata.category == None', (s) => meta(s, 'category') == null],
  ['metadata.note == None', (s) => meta(s, 'note') == null],
  ['metadata.note != "n"', (s) => meta(s, 'note') !== 'n'],
  ['input_contains("flag")', (s) => /flag/i.test(s.input)],
  ['input ~= "FLAG"', (s) => /FLAG/.test(s.input)],
  ['input ~= "flag"', (s) => /flag/.test(s.input)],
  ['not input_contains("^question \\\\d+:")', (s) => !/^question \d+:/i.test(s.input)],
  ['target_contains("^FLAG\\\\{")', (s) => /^FLAG\{/i.test(s.target)],
  ['error_contains("boom 2[0-9]$")', (s) => s.error !== null && /boom 2[0-9]$/i.test(s.error)],
  ['answer_contains("^yes, 1")', (s) => /^yes, 1/i.test(s.scores.includes?.answer ?? '')],
  ['answer == "no"', (s) => s.scores.includes?.answer === 'no'],
  ['tokens mod 20 == 0', (s) => s.totalTokens % 20 === 0],
  ['tokens / 100 > 9.5', (s) => s.totalTokens / 100 > 9.5],
  ['abs(working_time - 50) < 3', (s) => s.workingTime !== null && Math.abs(s.workingTime - 50) < 3],
  ['round(duration) == 15', (s) => s.totalTime !== null && Math.round(s.totalTime) === 15],
  [
    'max(tokens, 500) == 500 and min(epoch, 1) == 1',
    (s) => Math.max(s.totalTokens, 500) === 500 && Math.min(s.epoch, 1) === 1,
  ],
  ['2 ^ epoch == 4', (s) => 2 ** s.epoch === 4],
  ['-tokens < -990', (s) => -s.totalTokens < -990],
  ['input_tokens + output_tokens == tokens', () => true],
  ['messages == 0 or working_time == 3', (s) => s.messageCount === 0 || s.workingTime === 3],
  ['has_retries', (s) => (s.errorRetries ?? 0) > 0],
  ['retries >= 2', (s) => s.errorRetries !== null && s.errorRetries >= 2],
  ['retries == 0', (s) => s.errorRetries === 0],
  ['invalidated', (s) => s.invalidation !== null],
  ['status == "invalidated"', (s) => s.invalidation !== null],
  ['status == "limit"', (s) => s.invalidation === null && s.error === null && s.limitHit !== null],
  [
    'status in ("error", "complete")',
    (s) => s.invalidation === null && (s.error !== null || s.limitHit === null),
  ],
  [`${asName(HOSTILE_NAME)} == "x"`, (s) => s.scores[HOSTILE_NAME]?.value === 'x'],
  [`metadata.${asName(HOSTILE_NAME)} == "x"`, (s) => meta(s, HOSTILE_NAME) === 'x'],
];

describe('sample statements: one page of a scope, filtered and sorted', () => {
  const tempDir = useTempDirs();

  function evidence(): SyntheticEvidence {
    return buildSyntheticEvidence(path.join(tempDir(), 'desk.sqlite3'), {
      logs: [
        { samples: 100, epochs: 2 },
        { samples: 100, epochs: 1 },
      ],
      inputs: PAYLOADS,
    });
  }

  /** The filter as the desk would take it: parsed against the scope's scorers. */
  function filterOf(e: SyntheticEvidence, text: string, scope: SampleScope): SampleFilter | null {
    const parsed = parseSampleFilter(text, {
      scorers: e.db.samples.scorers(scope),
      selectedScorer: 'includes',
    });
    if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
    return parsed.filter;
  }

  function matching(
    e: SyntheticEvidence,
    text: string,
    scope: SampleScope = { kind: 'bundle', bundleId: e.bundleId },
    sort: SampleSort | null = null,
  ): number[] {
    const page = e.db.samples.page({
      scope,
      filter: filterOf(e, text, scope),
      sort,
      offset: 0,
      limit: 1000,
    });
    expect(page.total, text).toBe(page.rows.length);
    return page.rows.map((row) => row.id);
  }

  it('matches, for every construct, exactly the samples it says', () => {
    const e = evidence();
    expect(e.samples).toHaveLength(300);
    for (const [filter, predicate] of CASES) {
      const expected = e.samples.filter(predicate).map((s) => s.rowId);
      expect(matching(e, filter), filter).toEqual(expected);
    }
    // The cases are not vacuous: all but these match some samples and not others.
    const constant = CASES.filter(([, predicate]) => {
      const n = e.samples.filter(predicate).length;
      return n === 0 || n === e.samples.length;
    }).map(([filter]) => filter);
    expect(constant).toEqual([
      'grader.missing == None',
      'metadata.difficulty == "3"',
      'input ~= "flag"',
      'input_tokens + output_tokens == tokens',
    ]);
    e.db.close();
  });

  it('reads only complete bundles, of the scope asked for', () => {
    const e = evidence();
    const all = e.samples.map((s) => s.rowId);
    expect(matching(e, '', { kind: 'model', modelId: e.modelId })).toEqual(all);
    expect(matching(e, 'has_error', { kind: 'model', modelId: e.modelId })).toEqual(
      matching(e, 'has_error'),
    );
    const [first, second] = e.logIds;
    if (first === undefined || second === undefined) throw new Error('two logs');
    expect(matching(e, 'epoch == 1', { kind: 'log', logId: second })).toEqual(
      e.samples.filter((s) => s.logId === second && s.epoch === 1).map((s) => s.rowId),
    );
    // A bundle still importing shows nothing, nor do its logs; another model only its own.
    expect(matching(e, '', { kind: 'bundle', bundleId: e.pendingBundleId })).toEqual([]);
    expect(matching(e, '', { kind: 'log', logId: second + 1 })).toEqual([]);
    expect(matching(e, '', { kind: 'model', modelId: e.otherModelId })).toHaveLength(1);
    expect(e.db.samples.scorers({ kind: 'bundle', bundleId: e.bundleId })).toEqual([
      HOSTILE_NAME,
      'correct',
      'grader',
      'includes',
      'my-scorer',
    ]);
    expect(e.db.samples.scorers({ kind: 'log', logId: first })).not.toContain('my-scorer');
    expect(e.db.samples.scorers({ kind: 'bundle', bundleId: e.pendingBundleId })).toEqual([]);
    e.db.close();
  });

  it('sorts by a field, a score, a score key, a metadata key or the answer; missing last, ties by row id', () => {
    const e = evidence();
    type Key = (s: SyntheticSample) => number | string | null | undefined;
    const sorted = (key: Key, direction: 'asc' | 'desc') =>
      [...e.samples]
        .sort((a, b) => {
          const [x, y] = [key(a) ?? null, key(b) ?? null];
          if (x === null || y === null) return x === y ? a.rowId - b.rowId : x === null ? 1 : -1;
          if (x === y) return a.rowId - b.rowId;
          return (x < y ? -1 : 1) * (direction === 'asc' ? 1 : -1);
        })
        .map((s) => s.rowId);
    const sorts: [SampleSort, Key][] = [
      [{ by: { kind: 'field', field: 'epoch' }, direction: 'desc' }, (s) => s.epoch],
      [{ by: { kind: 'field', field: 'duration' }, direction: 'asc' }, (s) => s.totalTime],
      [{ by: { kind: 'field', field: 'input' }, direction: 'asc' }, (s) => s.input],
      [
        { by: { kind: 'score', scorer: 'includes', key: null }, direction: 'asc' },
        (s) => s.scores.includes?.numeric,
      ],
      [
        { by: { kind: 'score', scorer: 'grader', key: 'accuracy' }, direction: 'desc' },
        (s) => grader(s).accuracy,
      ],
      [
        { by: { kind: 'metadata', key: 'difficulty' }, direction: 'desc' },
        (s) => meta(s, 'difficulty') as number | undefined,
      ],
      [
        { by: { kind: 'answer', scorer: 'includes' }, direction: 'asc' },
        (s) => s.scores.includes?.answer,
      ],
    ];
    for (const [sort, key] of sorts) {
      expect(matching(e, '', undefined, sort), JSON.stringify(sort)).toEqual(
        sorted(key, sort.direction),
      );
    }
    e.db.close();
  });

  it('pages: offset and limit over the sorted matches, with the total of all of them', () => {
    const e = evidence();
    const scope: SampleScope = { kind: 'bundle', bundleId: e.bundleId };
    const filter = filterOf(e, 'epoch == 1', scope);
    const sort: SampleSort = { by: { kind: 'field', field: 'tokens' }, direction: 'desc' };
    const all = matching(e, 'epoch == 1', scope, sort);
    const page = e.db.samples.page({ scope, filter, sort, offset: 10, limit: 7 });
    expect(page.total).toBe(all.length);
    expect(page.rows.map((r) => r.id)).toEqual(all.slice(10, 17));
    expect(e.db.samples.page({ scope, filter, sort, offset: 5000, limit: 7 })).toEqual({
      rows: [],
      total: all.length,
    });
    for (const [offset, limit, message] of [
      [0, 0, 'A page holds 1 to 1000 samples, not 0.'],
      [0, 1001, 'A page holds 1 to 1000 samples, not 1001.'],
      [0, 1.5, 'A page holds 1 to 1000 samples, not 1.5.'],
      [-1, 10, "A page's offset is a whole number from 0, not -1."],
    ] as const) {
      expect(() => e.db.samples.page({ scope, filter, sort, offset, limit })).toThrow(message);
    }
    e.db.close();
  });

  it('returns each row with its values, long texts cut to a preview, and every score', () => {
    const e = evidence();
    const long = e.samples.find((s) => s.input === 'x'.repeat(600));
    const withError = e.samples.find((s) => s.error !== null && s.metadata !== null);
    if (!long || !withError) throw new Error('fixture');
    const [row] = e.db.samples.page({
      scope: { kind: 'bundle', bundleId: e.bundleId },
      filter: filterOf(e, `id == ${asString(withError.sampleId)} and epoch == ${withError.epoch}`, {
        kind: 'bundle',
        bundleId: e.bundleId,
      }),
      sort: null,
      offset: 0,
      limit: 1,
    }).rows;
    expect(row).toEqual({
      id: withError.rowId,
      logId: withError.logId,
      logPath: 'logs/log-0.eval',
      task: 'ctf',
      sampleId: withError.sampleId,
      epoch: withError.epoch,
      inputPreview: withError.input,
      targetPreview: withError.target,
      errorPreview: withError.error,
      limitHit: withError.limitHit,
      limitType: withError.limitType,
      messageCount: withError.messageCount,
      inputTokens: withError.inputTokens,
      outputTokens: withError.outputTokens,
      totalTokens: withError.totalTokens,
      totalTime: withError.totalTime,
      workingTime: withError.workingTime,
      errorRetries: withError.errorRetries,
      invalidation: withError.invalidation,
      metadata: JSON.stringify(withError.metadata),
      scores: Object.entries(withError.scores)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([scorer, s]) => ({
          scorer,
          value: JSON.stringify(s.value),
          numeric: s.numeric,
          answerPreview: s.answer,
        })),
    });
    const longRow = e.db.samples
      .page({
        scope: { kind: 'log', logId: long.logId },
        filter: null,
        sort: null,
        offset: 0,
        limit: 1000,
      })
      .rows.find((r) => r.id === long.rowId);
    expect(longRow?.inputPreview).toBe('x'.repeat(500));
    e.db.close();
  });
});

describe('sample statements: a hostile filter', () => {
  const tempDir = useTempDirs();

  /** A bundle of one log whose first inputs are the payloads, and the names to parse with. */
  function hostileEvidence(samples: number) {
    const e = buildSyntheticEvidence(path.join(tempDir(), 'desk.sqlite3'), {
      logs: [{ samples, epochs: 1 }],
      inputs: PAYLOADS,
    });
    const scope: SampleScope = { kind: 'bundle', bundleId: e.bundleId };
    const names = { scorers: e.db.samples.scorers(scope), selectedScorer: 'includes' };
    return { e, scope, names };
  }

  it('matches quotes, semicolons, comments, NUL and SQL only as the text they are, in SQL of one shape', () => {
    const { e, scope, names } = hostileEvidence(20);
    const parsed = (text: string): SampleFilter => {
      const result = parseSampleFilter(text, names);
      if (!result.ok || !result.filter) throw new Error(`${text} refused`);
      return result.filter;
    };
    const benign = {
      input: compileSampleFilter(parsed('input == "benign"')).sql,
      metadata: compileSampleFilter(parsed('metadata.k == "benign"')).sql,
      scoreKey: compileSampleFilter(parsed('grader.k == "benign"')).sql,
      contains: compileSampleFilter(parsed('input_contains("benign")')).sql,
    };
    for (const payload of [...PAYLOADS, HOSTILE_NAME]) {
      const filters = {
        input: `input == ${asString(payload)}`,
        metadata: `metadata.${asName(payload)} == ${asString(payload)}`,
        scoreKey: `grader.${asName(payload)} == ${asString(payload)}`,
        contains: `input_contains(${asString(escapeRegex(searched(payload)))})`,
      };
      for (const [kind, text] of Object.entries(filters) as [keyof typeof benign, string][]) {
        const compiled = compileSampleFilter(parsed(text));
        expect(compiled.sql, text).toBe(benign[kind]);
        const page = e.db.samples.page({
          scope,
          filter: parsed(text),
          sort: null,
          offset: 0,
          limit: 1000,
        });
        const expected = e.samples.filter((s) =>
          kind === 'input'
            ? s.input === payload
            : kind === 'contains'
              ? s.input.toLowerCase().includes(searched(payload).toLowerCase())
              : kind === 'metadata'
                ? s.metadata?.[payload] === payload
                : false,
        );
        expect(
          page.rows.map((r) => r.id),
          text,
        ).toEqual(expected.map((s) => s.rowId));
      }
      expect(
        e.samples.filter((s) => s.input === payload),
        payload,
      ).toHaveLength(payload === HOSTILE_NAME ? 0 : 1);
    }
    e.db.close();
  });

  it('refuses with a sentence, or runs as plain data: never an internal error, never a changed database', () => {
    const { e, scope, names } = hostileEvidence(30);
    const counts = () => {
      const raw = new Database(e.db.file, { readonly: true });
      try {
        return ['sample', 'sample_score', 'eval_log', 'bundle'].map(
          (t) => (raw.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
        );
      } finally {
        raw.close();
      }
    };
    const before = counts();
    // Each is refused, or matches what its strings say as text (counts of these 30 samples).
    const hostile: [string, 'refused' | number][] = [
      ['input == "x" OR 1=1', 'refused'],
      ["input == 'x' or 1 == 1", 'refused'],
      ['epoch == 1; DROP TABLE sample', 'refused'],
      ['epoch == 1 -- comment', 'refused'],
      ['epoch == 1) OR (1 == 1', 'refused'],
      ["metadata.a') OR 1=1 -- == 1", 'refused'],
      [`${asName("x'); DROP TABLE sample; --")} == 1`, 'refused'],
      ['\u0000', 'refused'],
      ['input == "\u0000"', 1],
      ['input == "a\u0000b"', 1],
      ['"\'); DROP TABLE sample; --" == input', 1],
      ['epoch == 1 /* */', 'refused'],
      ['epoch == 0x10', 'refused'],
      ['epoch == 1e3', 'refused'],
      // Patterns that make a backtracking engine hang: matched, in linear time.
      ['input_contains("(a+)+$")', 0],
      ['input_contains("(x|x|x|x)*y")', 0],
      ['input ~= "(.*a){20}"', 0],
      ['input ~= "([a-z]+)*[0-9]$"', 0],
      [`input_contains(${asString('(a*)*'.repeat(80))})`, 30],
      ['input_contains("(?=a)")', 'refused'],
      ['input_contains("\\\\1")', 'refused'],
      [`metadata.${asName(HOSTILE_NAME)} == ${asString(HOSTILE_NAME)}`, 0],
      [`metadata.${asName(HOSTILE_NAME)} == "x" and ${asName(HOSTILE_NAME)} != None`, 3],
    ];
    for (const [text, expected] of hostile) {
      const result = parseSampleFilter(text, names);
      if (!result.ok) {
        expect(expected, `${text}: ${result.error.message}`).toBe('refused');
        expect(result.error.message, text).toMatch(/^[A-Z"~a-z'].* at \d+.*\.$/s);
        continue;
      }
      const page = e.db.samples.page({
        scope,
        filter: result.filter,
        sort: null,
        offset: 0,
        limit: 1000,
      });
      expect(page.total, text).toBe(expected);
    }
    expect(counts()).toEqual(before);
    e.db.close();
  });
});

describe('one metadata key of every sample, for a rule that clusters by it', () => {
  const tempDir = useTempDirs();

  it('reads the value of the first epoch, its JSON type, and null where the key is missing, for any key', () => {
    const e = buildSyntheticEvidence(path.join(tempDir(), 'desk.sqlite3'), {
      logs: [{ samples: 30, epochs: 2 }],
    });
    const logId = e.logIds[0] ?? 0;
    const first = e.samples.filter((s) => s.logId === logId && s.epoch === 1);
    for (const key of ['category', 'difficulty', 'odd key.v2', HOSTILE_NAME, 'absent']) {
      const rows = e.db.models.sampleMetadataValues(logId, key);
      expect(rows.map((r) => r.sampleId)).toEqual(first.map((s) => s.sampleId));
      rows.forEach((row, i) => {
        const wrote = first[i]?.metadata?.[key];
        if (wrote === undefined || wrote === null) expect(row.value, key).toBeNull();
        else if (typeof wrote === 'boolean')
          expect([row.value, row.type]).toEqual([wrote ? 1 : 0, String(wrote)]);
        else expect(row.value).toBe(wrote);
      });
    }
    e.db.close();
  });
});
