/**
 * Metric, sample and score rows must be re-derivable from the evidence: each log of an
 * imported bundle is read again from the content-addressed store with the same Inspect
 * reader the import used, and every stored row is compared with what it gives. A row
 * edited with SQL (a flipped metric, a changed score) is named with its bundle and log.
 */
import fs from 'node:fs';
import type {
  IntegrityReader,
  StoredLogRow,
  StoredMetricRow,
  StoredSampleRow,
  StoredScoreRow,
} from '../../db';
import { DeskError } from '../../common/errors';
import { sha256Hex } from '../crypto';
import type { EvidenceStore } from '../evidence';
import { readInspectLog, type InspectLog } from '../inspect';
import type { CheckResult } from './checks';

/** Findings past this many in one log are counted, not listed. */
const FINDINGS_PER_LOG = 20;

export async function checkDerivedRows(
  reader: IntegrityReader,
  store: EvidenceStore,
  signal?: AbortSignal,
): Promise<CheckResult> {
  const logs = reader.logs();
  const findings: string[] = [];
  for (const log of logs) {
    signal?.throwIfAborted();
    const where = `Bundle "${log.bundleFileName}" (${log.bundleDigest.slice(0, 12)}), log "${log.path}"`;
    const problems = await rederiveLog(reader, store, log);
    findings.push(...problems.slice(0, FINDINGS_PER_LOG).map((p) => `${where}: ${p}.`));
    if (problems.length > FINDINGS_PER_LOG)
      findings.push(`${where}: ${problems.length - FINDINGS_PER_LOG} more difference(s).`);
  }
  return {
    name: 'derived rows',
    summary: `${logs.length} log(s) re-read from the evidence store: their log, metric, sample and score rows are as stored`,
    findings,
  };
}

async function rederiveLog(
  reader: IntegrityReader,
  store: EvidenceStore,
  row: StoredLogRow,
): Promise<string[]> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(store.pathOf(row.sha256));
  } catch {
    return ['its file is missing from the evidence store, so its rows cannot be re-derived'];
  }
  if (sha256Hex(bytes) !== row.sha256)
    return ['its file in the evidence store is altered, so its rows cannot be re-derived'];
  let log: InspectLog;
  try {
    log = await readInspectLog(row.path, bytes);
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    return [`it no longer reads as an Inspect log (${error.message})`];
  }
  return [
    ...differences('the log row', logFields(row), derivedLogFields(log)),
    ...compareKeyed(
      'metric',
      reader.metrics(row.id),
      log.metrics,
      (m) => `${m.metric} of scorer ${m.scorer}`,
      metricFields,
      metricFields,
    ),
    ...compareSamples(reader, reader.samples(row.id), log),
  ];
}

function compareSamples(
  reader: IntegrityReader,
  stored: readonly StoredSampleRow[],
  log: InspectLog,
): string[] {
  const label = (s: { sampleId?: string; id?: string | number; epoch: number }) =>
    `${String('sampleId' in s ? s.sampleId : s.id)} epoch ${s.epoch}`;
  const derived = new Map(log.samples.map((s) => [label(s), s]));
  const problems = compareKeyed('sample', stored, log.samples, label, storedSampleFields, (s) => ({
    input: s.input,
    target: s.target,
    error: s.error,
    limitHit: s.limit,
    messageCount: s.messageCount,
    inputTokens: s.modelUsage.inputTokens,
    outputTokens: s.modelUsage.outputTokens,
    totalTokens: s.modelUsage.totalTokens,
    totalTime: s.totalTime,
    workingTime: s.workingTime,
    transcript: s.transcript,
  }));
  for (const sample of stored) {
    const fromLog = derived.get(label(sample));
    if (fromLog === undefined) continue;
    problems.push(
      ...compareKeyed(
        `score of sample ${label(sample)}`,
        reader.scores(sample.id),
        Object.entries(fromLog.scores).map(([scorer, score]) => ({ scorer, ...score })),
        (s) => `by ${s.scorer}`,
        (s: StoredScoreRow) => ({
          value: s.value,
          numeric: s.numeric,
          answer: s.answer,
          explanation: s.explanation,
        }),
        (s) => ({
          value: JSON.stringify(s.value ?? null),
          numeric: s.numeric,
          answer: s.answer,
          explanation: s.explanation,
        }),
      ),
    );
  }
  return problems;
}

/** Rows matched by key: missing, extra and differing ones. */
function compareKeyed<S, D>(
  what: string,
  stored: readonly S[],
  derived: readonly D[],
  key: (row: S | D) => string,
  storedFields: (row: S) => Record<string, unknown>,
  derivedFields: (row: D) => Record<string, unknown>,
): string[] {
  const fromLog = new Map(derived.map((d) => [key(d), d]));
  const problems: string[] = [];
  for (const row of stored) {
    const name = key(row);
    const match = fromLog.get(name);
    fromLog.delete(name);
    if (match === undefined) problems.push(`the stored ${what} ${name} is not in the log`);
    else
      problems.push(...differences(`the ${what} ${name}`, storedFields(row), derivedFields(match)));
  }
  for (const name of fromLog.keys()) problems.push(`the log's ${what} ${name} is not stored`);
  return problems;
}

function differences(
  what: string,
  stored: Record<string, unknown>,
  derived: Record<string, unknown>,
): string[] {
  return Object.keys(derived)
    .filter((field) => JSON.stringify(stored[field]) !== JSON.stringify(derived[field]))
    .map(
      (field) =>
        `${what} has ${field} ${JSON.stringify(stored[field])} stored, but the log gives ${JSON.stringify(derived[field])}`,
    );
}

function logFields(row: StoredLogRow): Record<string, unknown> {
  const { format, headerSource, task, taskVersion, model, datasetName, status } = row;
  return {
    format,
    headerSource,
    task,
    taskVersion,
    model,
    datasetName,
    status,
    totalSamples: row.totalSamples,
    completedSamples: row.completedSamples,
  };
}

function derivedLogFields(log: InspectLog): Record<string, unknown> {
  return {
    format: log.format,
    headerSource: log.headerSource,
    task: log.task,
    taskVersion: log.taskVersion === null ? null : String(log.taskVersion),
    model: log.model,
    datasetName: log.dataset.name,
    status: log.status,
    totalSamples: log.totalSamples,
    completedSamples: log.completedSamples,
  };
}

function metricFields(m: StoredMetricRow): Record<string, unknown> {
  return {
    claimed: m.claimed,
    recomputed: m.recomputed,
    n: m.n,
    status: m.status,
    note: m.note,
  };
}

function storedSampleFields(s: StoredSampleRow): Record<string, unknown> {
  const { input, target, error, limitHit, messageCount, inputTokens, outputTokens } = s;
  return {
    input,
    target,
    error,
    limitHit,
    messageCount,
    inputTokens,
    outputTokens,
    totalTokens: s.totalTokens,
    totalTime: s.totalTime,
    workingTime: s.workingTime,
    transcript: s.transcript,
  };
}
