/**
 * Full-text search over 100,000 transcripts (one model version, 20 logs of 2,500 samples ×
 * 2 epochs, each transcript about 1,000 characters of a CTF-style exchange: messages, tool
 * calls and tool output): how long building the FTS5 index takes (the rows the import
 * writes, in one transaction), next to SHA-256 of the same text for scale, and how long the
 * first page of hits (20, as `desk search` gives, and 200, as the Search screen shows, each
 * hit with the message the words are in) takes for the kinds of query a reviewer types.
 * Each query runs three times; the first is the one a reviewer waits for. Writes the
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
/** The Search screen's page (renderer/src/features/search). */
const SCREEN_PAGE = 200;
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

/**
 * A transcript as the import writes it (main/inspect/transcript.ts): messages of `role:`
 * lines, tool calls and output, a blank line between them, and where each message starts.
 */
function transcript(n: number): { text: string; messageStarts: string } {
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
  const text = lines.join('\n');
  const starts = [...text.matchAll(/^(system|user|assistant|tool bash):$/gmu)].map((m) => m.index);
  return { text, messageStarts: JSON.stringify(starts) };
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
    const characters = texts.reduce((sum, [, t]) => sum + t.text.length, 0);

    const hashStart = performance.now();
    const hash = crypto.createHash('sha256');
    for (const [, t] of texts) hash.update(t.text);
    hash.digest();
    const sha256Ms = performance.now() - hashStart;

    // The rows the import writes (db/bundles.ts), through a connection of their own.
    const raw = new Database(file);
    const insert = raw.prepare<[number, string]>(
      'INSERT INTO transcript_fts (rowid, transcript) VALUES (?, ?)',
    );
    const indexStart = performance.now();
    raw.transaction(() => {
      for (const [rowId, t] of texts) insert.run(rowId, t.text);
    })();
    const indexMs = performance.now() - indexStart;
    // The sample rows' message starts (written with them at import, so not in the index time).
    const starts = raw.prepare<[string, number]>(
      'UPDATE sample SET message_starts = ? WHERE id = ?',
    );
    raw.transaction(() => {
      for (const [rowId, t] of texts) starts.run(t.messageStarts, rowId);
    })();
    raw.close();

    const search = createSearchService(e.db);
    const measure = (text: string, limit: number) => {
      let hits: ReturnType<typeof search.transcripts> = [];
      const ms = Array.from({ length: RUNS }, () =>
        time(() => {
          hits = search.transcripts({ text, model: null, benchmark: null, limit });
        }),
      );
      const withMessage = hits.filter((h) => h.messageIndex !== null).length;
      expect(withMessage, `${text}: every hit names its message`).toBe(hits.length);
      return {
        text,
        hits: hits.length,
        firstMs: ms[0],
        medianMs: [...ms].sort((a, b) => a - b)[1],
      };
    };
    const queries = QUERIES.map((text) => measure(text, PAGE));
    const screenQueries = QUERIES.slice(0, 3).map((text) => measure(text, SCREEN_PAGE));
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
      screenPage: SCREEN_PAGE,
      screenQueries,
    };
    recordResults('transcriptSearch', figures);
    console.log(`Transcript search (${RESULTS_FILE}):`, JSON.stringify(figures, null, 2));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
