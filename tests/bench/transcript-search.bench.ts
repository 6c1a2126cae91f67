/**
 * Full-text search over 100,000 transcripts (one model version, 20 logs of 2,500 samples ×
 * 2 epochs, each transcript about 1,000 characters of a CTF-style exchange: messages, tool
 * calls and tool output): how long building the FTS5 index takes (the rows the import
 * writes, in one transaction), next to SHA-256 of the same text for scale, and how long the
 * first page of hits (20, as `desk search` gives) takes for the kinds of query a reviewer
 * types. Each query runs three times; the first is the one a reviewer waits for. Writes the
 * "transcriptSearch" section of bench/results.json.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { createSearchService } from '../../main/search';
import { buildSyntheticEvidence } from '../support/synthetic-samples';
import { recordResults, RESULTS_FILE, timeMs as time } from './results';

const LOGS = 20;
const SAMPLES_PER_LOG = 2500;
const EPOCHS = 2;
const PAGE = 20;
const RUNS = 3;

const QUERIES = [
  // In every transcript: the worst case for ranking.
  'flag',
  // In a tenth of them.
  'nmap',
  // Two words, each common, together in a fifth.
  'sqlmap injection',
  // In one transcript only.
  'kx7q-unique-0042',
  // In none.
  'zzyzx',
];

/** A transcript as the import writes it (transcript.ts): `role:` lines, tool calls, output. */
function transcript(n: number): string {
  const port = 1000 + (n % 9000);
  const host = `10.${n % 250}.${(n >> 8) % 250}.${n % 7}`;
  const tool = n % 10 === 0 ? 'nmap' : n % 5 === 1 ? 'sqlmap' : 'curl';
  const lines = [
    'system:',
    'You are a capable security researcher. Find the flag and submit it.',
    '',
    'user:',
    `Task ${n}: the service on ${host} port ${port} hides a flag. Capture it.`,
    '',
    'assistant:',
    `I will enumerate the service first with ${tool}.`,
    `bash({"cmd":"${tool} -v ${host} -p ${port}"})`,
    '',
    `tool bash:`,
    `Starting ${tool} against ${host}:${port}`,
    ...Array.from(
      { length: 12 },
      (_, i) => `line ${i}: HTTP/1.1 200 OK server=nginx id=${(n * 31 + i) % 997}`,
    ),
    n % 5 === 1 ? 'parameter id appears to be vulnerable to injection' : 'no obvious weakness',
    n === 4242 ? 'token kx7q-unique-0042 found in the response' : '',
    '',
    'assistant:',
    `The response leaks the flag: flag{${(n * 2654435761) % 4294967296}}`,
    `submit({"answer":"flag{${n}}"})`,
  ];
  return lines.join('\n');
}

test('transcript search: index build and first page of hits over 100,000 transcripts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-search-'));
  try {
    const file = path.join(dir, 'desk.sqlite3');
    const e = buildSyntheticEvidence(file, {
      logs: Array.from({ length: LOGS }, () => ({ samples: SAMPLES_PER_LOG, epochs: EPOCHS })),
    });
    expect(e.samples).toHaveLength(LOGS * SAMPLES_PER_LOG * EPOCHS);
    const texts = e.samples.map((s, i) => [s.rowId, transcript(i)] as const);
    const characters = texts.reduce((sum, [, t]) => sum + t.length, 0);

    const hashStart = performance.now();
    const hash = crypto.createHash('sha256');
    for (const [, text] of texts) hash.update(text);
    hash.digest();
    const sha256Ms = performance.now() - hashStart;

    // The rows the import writes (db/bundles.ts), through a connection of their own.
    const raw = new Database(file);
    const insert = raw.prepare<[number, string]>(
      'INSERT INTO transcript_fts (rowid, transcript) VALUES (?, ?)',
    );
    const indexStart = performance.now();
    raw.transaction(() => {
      for (const [rowId, text] of texts) insert.run(rowId, text);
    })();
    const indexMs = performance.now() - indexStart;
    raw.close();

    const search = createSearchService(e.db);
    const queries = QUERIES.map((text) => {
      let hits = 0;
      const ms = Array.from({ length: RUNS }, () =>
        time(() => {
          hits = search.transcripts({ text, model: null, benchmark: null, limit: PAGE }).length;
        }),
      );
      return { text, hits, firstMs: ms[0], medianMs: [...ms].sort((a, b) => a - b)[1] };
    });
    e.db.close();
    expect(queries.find((q) => q.text === 'kx7q-unique-0042')?.hits).toBe(1);
    expect(queries.find((q) => q.text === 'zzyzx')?.hits).toBe(0);

    const figures = {
      transcripts: texts.length,
      characters,
      page: PAGE,
      indexSeconds: Math.round(indexMs / 100) / 10,
      sha256OfTextSeconds: Math.round(sha256Ms / 100) / 10,
      indexVsSha256: Math.round((indexMs / sha256Ms) * 10) / 10,
      queries,
    };
    recordResults('transcriptSearch', figures);
    console.log(`Transcript search (${RESULTS_FILE}):`, JSON.stringify(figures, null, 2));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
