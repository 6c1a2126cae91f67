/**
 * The samples grid's query over 100,000 samples of one model version (one bundle of 20
 * logs of 2,500 samples × 2 epochs, inputs of 2,000 characters, five scorers, metadata):
 * how long a filter, a sort and the first page of 100 rows take, total included, for the
 * kinds of filter a reviewer writes. Each query runs three times; the first is the one a
 * reviewer waits for after typing. Writes the "sampleFilter" section of bench/results.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { parseSampleFilter, type SampleScope, type SampleSort } from '../../common/sample-filter';
import { buildSyntheticEvidence } from '../support/synthetic-samples';
import { recordResults, RESULTS_FILE, timeMs as time } from './results';

const LOGS = 20;
const SAMPLES_PER_LOG = 2500;
const EPOCHS = 2;
const INPUT_LENGTH = 2000;
const PAGE = 100;
const RUNS = 3;

const QUERIES: { filter: string; sort: SampleSort | null }[] = [
  { filter: '', sort: null },
  { filter: '', sort: { by: { kind: 'field', field: 'tokens' }, direction: 'desc' } },
  {
    filter: 'includes == "C" and tokens > 500 and not has_error',
    sort: { by: { kind: 'field', field: 'duration' }, direction: 'desc' },
  },
  {
    filter: 'metadata.category == "web" and metadata.difficulty >= 3',
    sort: { by: { kind: 'metadata', key: 'difficulty' }, direction: 'asc' },
  },
  {
    filter: 'grader.accuracy > 0.5 or correct == False',
    sort: { by: { kind: 'score', scorer: 'grader', key: 'accuracy' }, direction: 'desc' },
  },
  {
    filter: 'input_contains("capture the banner")',
    sort: { by: { kind: 'score', scorer: 'includes', key: null }, direction: 'asc' },
  },
  { filter: 'input ~= "Question 12[0-9]:"', sort: null },
  // No literal to look for first: the linear matcher reads all 200 million characters.
  { filter: 'input_contains("[0-9]{4}-[0-9]{2}")', sort: null },
];

test('samples grid: filter, sort and first page over 100,000 samples', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-samples-'));
  try {
    const built = performance.now();
    const e = buildSyntheticEvidence(path.join(dir, 'desk.sqlite3'), {
      logs: Array.from({ length: LOGS }, () => ({ samples: SAMPLES_PER_LOG, epochs: EPOCHS })),
      inputLength: INPUT_LENGTH,
    });
    const buildSeconds = (performance.now() - built) / 1000;
    expect(e.samples).toHaveLength(LOGS * SAMPLES_PER_LOG * EPOCHS);
    const scope: SampleScope = { kind: 'model', modelId: e.modelId };

    const scorersMs = time(() => e.db.samples.scorers(scope));
    const names = { scorers: e.db.samples.scorers(scope), selectedScorer: 'includes' };
    const queries = QUERIES.map(({ filter, sort }) => {
      const parsed = parseSampleFilter(filter, names);
      if (!parsed.ok) throw new Error(`${filter}: ${parsed.error.message}`);
      let total = 0;
      const ms = Array.from({ length: RUNS }, () =>
        time(() => {
          total = e.db.samples.page({
            scope,
            filter: parsed.filter,
            sort,
            offset: 0,
            limit: PAGE,
          }).total;
        }),
      );
      const median = [...ms].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
      return {
        filter,
        sort: sort && `${JSON.stringify(sort.by)} ${sort.direction}`,
        total,
        firstMs: ms[0],
        medianMs: median,
      };
    });
    e.db.close();

    const figures = {
      samples: LOGS * SAMPLES_PER_LOG * EPOCHS,
      logs: LOGS,
      inputCharacters: INPUT_LENGTH,
      page: PAGE,
      buildSeconds: Math.round(buildSeconds * 10) / 10,
      scorersMs,
      queries,
    };
    recordResults('sampleFilter', figures);
    console.log(`Samples grid query (${RESULTS_FILE}):`, JSON.stringify(figures, null, 2));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
