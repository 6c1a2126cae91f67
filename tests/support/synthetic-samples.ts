/**
 * A database of synthetic samples for the samples grid's query (db/samples.test.ts and
 * tests/bench/sample-filter.bench.ts): one complete bundle of a model with the given logs,
 * each sample's values a function of its number so a test can compute what should match.
 * Around it, rows no query of that bundle or model may return: a bundle still importing,
 * and another model's bundle, each with a sample that matches almost anything. Its bundle
 * and log rows (addBundle, addLog) serve other db tests too.
 */
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { openDatabase, type DeskDatabase, type SampleRowInput } from '../../db';

export type MetadataValue = string | number | boolean | null;

export interface SyntheticScore {
  readonly value: unknown;
  readonly numeric: number | null;
  readonly answer: string | null;
}

/** A sample row as the import writes it (metadata as an object, not JSON), and its scores. */
export interface SyntheticSample extends Omit<SampleRowInput, 'metadata'> {
  readonly rowId: number;
  readonly metadata: Readonly<Record<string, MetadataValue>> | null;
  readonly scores: Readonly<Record<string, SyntheticScore>>;
}

export interface SyntheticEvidence {
  readonly db: DeskDatabase;
  readonly modelId: number;
  readonly bundleId: number;
  readonly logIds: readonly number[];
  /** The complete bundle's samples, in row-id order. */
  readonly samples: readonly SyntheticSample[];
  readonly pendingBundleId: number;
  readonly otherModelId: number;
}

/** A scorer whose name is an SQL injection, to show names are data. */
export const HOSTILE_NAME = "a') OR 1=1 --";

export interface SyntheticOptions {
  /** Samples per log, each log run over `epochs` epochs. */
  readonly logs: readonly { readonly samples: number; readonly epochs: number }[];
  /** Inputs of the first samples of the last log, verbatim (e.g. injection payloads). */
  readonly inputs?: readonly string[];
  /** Filler appended to every other input up to this many characters (a real prompt's size). */
  readonly inputLength?: number;
}

export function buildSyntheticEvidence(file: string, options: SyntheticOptions): SyntheticEvidence {
  const db = openDatabase(file);
  db.roster.insert({ version: 1, document: '{}', digest: 'd', envelope: null, installedAt: 'x' });
  const modelId = db.bundles.upsertModel('Acme AI', 'frontier-1', '2026-10');
  const otherModelId = db.bundles.upsertModel('Other Lab', 'model-2', '2026-11');
  const bundleId = addBundle(db, modelId, 'main');
  const pendingBundleId = addBundle(db, modelId, 'pending');
  const otherBundleId = addBundle(db, otherModelId, 'other');

  const logIds = options.logs.map((_, logIndex) =>
    addLog(db, bundleId, `logs/log-${logIndex}.eval`),
  );
  const outsideLogIds = [
    addLog(db, pendingBundleId, 'logs/pending.eval'),
    addLog(db, otherBundleId, 'logs/other.eval'),
  ];
  // Samples go in through a connection of their own, to set what the import does not yet
  // (limit_type, metadata), in one transaction.
  const raw = new Database(file);
  const insert = sampleInserter(raw);
  const samples: SyntheticSample[] = [];
  raw.transaction(() => {
    options.logs.forEach((log, logIndex) => {
      const logId = logIds[logIndex] ?? 0;
      const last = logIndex === options.logs.length - 1;
      for (let n = 0; n < log.samples * log.epochs; n += 1) {
        const number = Math.floor(n / log.epochs);
        const sample = syntheticSample(logId, logIndex, number, (n % log.epochs) + 1);
        const input = (last ? options.inputs?.[n] : undefined) ?? padded(sample.input, options);
        samples.push(insert({ ...sample, input }));
      }
    });
    // Samples that match nearly any filter, outside every scope the tests ask for.
    for (const logId of outsideLogIds) insert(syntheticSample(logId, 0, 0, 1));
  })();
  raw.close();
  db.bundles.completeImport(bundleId, '2026-11-02T00:00:00.000Z', '[]');
  db.bundles.completeImport(otherBundleId, '2026-11-02T00:00:00.000Z', '[]');
  return { db, modelId, bundleId, logIds, samples, pendingBundleId, otherModelId };
}

const FILLER = ' You are given a network capture and a binary; report the flag you recover.';

function padded(input: string, { inputLength = 0 }: SyntheticOptions): string {
  return input.length >= inputLength
    ? input
    : (input + FILLER.repeat(Math.ceil(inputLength / FILLER.length))).slice(0, inputLength);
}

/** Sample `number` of log `logIndex`, epoch `epoch`: every value a function of these. */
function syntheticSample(
  logId: number,
  logIndex: number,
  number: number,
  epoch: number,
): Omit<SyntheticSample, 'rowId'> {
  const i = number + epoch;
  const scores: Record<string, SyntheticScore> = {};
  if (i % 10 !== 9) {
    scores.includes = {
      value: i % 2 === 0 ? 'C' : 'I',
      numeric: i % 2 === 0 ? 1 : 0,
      answer: i % 2 === 0 ? `Yes, ${number}` : 'no',
    };
  }
  scores.grader = {
    value: { accuracy: (i % 100) / 100, label: i % 3 === 0 ? 'good' : 'bad' },
    numeric: null,
    answer: null,
  };
  if (i % 4 !== 3)
    scores.correct = { value: i % 3 !== 1, numeric: i % 3 !== 1 ? 1 : 0, answer: null };
  if (logIndex > 0) scores['my-scorer'] = { value: i, numeric: i, answer: null };
  if (i % 6 === 0) scores[HOSTILE_NAME] = { value: 'x', numeric: null, answer: null };
  const limit = i % 13 === 0 ? 'token' : i % 17 === 0 ? 'time' : null;
  return {
    logId,
    // Inspect's ids are integers or strings: the first log's are integers.
    sampleId: logIndex === 0 ? String(number) : `s-${number}`,
    epoch,
    input: `Question ${number}: ${i % 7 === 0 ? 'find the FLAG' : 'solve it'}`,
    target: i % 5 === 0 ? 'flag{x}' : `answer ${number}`,
    error: i % 11 === 0 ? `RuntimeError: boom ${i}` : null,
    limitHit: limit ? `${limit} limit 1000` : null,
    limitType: limit,
    messageCount: i % 20,
    messageStarts: null,
    // Some retried once or twice; the first log's as if imported before retries were kept.
    errorRetries: logIndex === 0 ? null : i % 23 === 0 ? 1 + (i % 2) : 0,
    // A few invalidated after the run, with who and why.
    invalidation:
      logIndex === 1 && i % 29 === 0
        ? JSON.stringify({ timestamp: null, author: 'qa', reason: 'leaked answer' })
        : null,
    inputTokens: i * 7,
    outputTokens: i * 3,
    totalTokens: i * 10,
    totalTime: i % 9 === 0 ? null : i * 1.5,
    workingTime: i,
    metadata:
      i % 4 === 0
        ? null
        : {
            category: ['web', 'crypto', 'pwn'][i % 3] ?? 'web',
            difficulty: i % 5,
            'odd key.v2': i % 2 === 0,
            note: i % 8 === 1 ? null : 'n',
            [HOSTILE_NAME]: 'x',
          },
    scores,
  };
}

function sampleInserter(
  raw: Database.Database,
): (sample: Omit<SyntheticSample, 'rowId'>) => SyntheticSample {
  const sample = raw.prepare(
    `INSERT INTO sample (log_id, sample_id, epoch, input, target, error, limit_hit, limit_type,
        message_count, error_retries, invalidation, input_tokens, output_tokens, total_tokens,
        total_time, working_time, metadata)
     VALUES (@logId, @sampleId, @epoch, @input, @target, @error, @limitHit, @limitType,
        @messageCount, @errorRetries, @invalidation, @inputTokens, @outputTokens, @totalTokens, @totalTime, @workingTime, @metadata)`,
  );
  const score = raw.prepare(
    `INSERT INTO sample_score (sample_id, scorer, value, numeric, answer) VALUES (?, ?, ?, ?, ?)`,
  );
  return (row) => {
    const rowId = Number(
      sample.run({ ...row, metadata: row.metadata && JSON.stringify(row.metadata) })
        .lastInsertRowid,
    );
    for (const [scorer, s] of Object.entries(row.scores)) {
      score.run(rowId, scorer, JSON.stringify(s.value), s.numeric, s.answer);
    }
    return { ...row, rowId };
  };
}

/** A bundle row still importing, named `name` (its digest and file name). */
export function addBundle(db: DeskDatabase, modelId: number, name: string): number {
  const id = db.bundles.insertPendingBundle({
    digest: name,
    statementDigest: crypto.createHash('sha256').update(name).digest('hex'),
    fileName: `${name}.evbundle`,
    envelope: '{}',
    modelId,
    evaluatorId: 'lab',
    evaluatorName: 'Lab',
    suiteName: 'cyber',
    suiteVersion: null,
    runStartedOn: '2026-10-01T00:00:00Z',
    runFinishedOn: '2026-10-02T00:00:00Z',
    signedBy: '[]',
    inspectModels: null,
    rosterVersion: 1,
    verification: '[]',
    importedAt: '2026-11-01T00:00:00.000Z',
  });
  if (id === null) throw new Error(`duplicate digest ${name}`);
  return id;
}

/** A log row of a ctf task. */
export function addLog(db: DeskDatabase, bundleId: number, path: string): number {
  return db.bundles.insertLog(bundleId, {
    path,
    sha256: 'a'.repeat(64),
    format: 'eval',
    headerSource: 'header.json',
    task: 'ctf',
    taskVersion: null,
    model: 'm',
    datasetName: null,
    status: 'success',
    totalSamples: null,
    completedSamples: null,
    runFacts: null,
  });
}
