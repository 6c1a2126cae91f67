/**
 * Metric, sample and score rows must be re-derivable from the evidence: each log of an
 * imported bundle is read again from the content-addressed store with the same Inspect
 * reader the import used, and every stored row is compared with what it gives. A row
 * edited with SQL (a flipped metric, a changed score) is named with its bundle and log.
 */
import fs from 'node:fs';
import type { IntegrityReader, StoredLogRow, StoredSampleRow } from '../../db';
import { DeskError } from '../../common/errors';
import { sha256Hex } from '../crypto';
import { logColumns, sampleColumns, scoreColumns } from '../bundles/log-rows';
import type { EvidenceStore } from '../evidence';
import { readInspectLog, type InspectLog, type InspectSample } from '../inspect';
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
    ...differences('the log row', row, logColumns(log)),
    ...compareKeyed(
      'metric',
      reader.metrics(row.id),
      log.metrics,
      (m) => `${m.metric} of scorer ${m.scorer}`,
      (m) => ({ ...m }),
    ),
    ...compareSamples(reader, reader.samples(row.id), log),
  ];
}

function compareSamples(
  reader: IntegrityReader,
  stored: readonly StoredSampleRow[],
  log: InspectLog,
): string[] {
  const label = (s: StoredSampleRow | InspectSample) =>
    `${'sampleId' in s ? s.sampleId : s.id} epoch ${s.epoch}`;
  const derived = new Map(log.samples.map((s) => [label(s), s]));
  const problems = compareKeyed('sample', stored, log.samples, label, (s) => ({
    ...sampleColumns(s),
    transcript: s.transcript,
  }));
  for (const sample of stored) {
    const fromLog = derived.get(label(sample));
    if (fromLog === undefined) continue;
    problems.push(
      ...compareKeyed(
        `score of sample ${label(sample)}`,
        reader.scores(sample.id),
        scoreColumns(fromLog),
        (s) => `by ${s.scorer}`,
        (s) => ({ ...s }),
      ),
    );
  }
  return problems;
}

/** Rows matched by key: missing, extra and differing ones (the fields `derive` gives). */
function compareKeyed<S extends object, D>(
  what: string,
  stored: readonly S[],
  derived: readonly D[],
  key: (row: S | D) => string,
  derive: (row: D) => Record<string, unknown>,
): string[] {
  const fromLog = new Map(derived.map((d) => [key(d), d]));
  const problems: string[] = [];
  for (const row of stored) {
    const name = key(row);
    const match = fromLog.get(name);
    fromLog.delete(name);
    if (match === undefined) problems.push(`the stored ${what} ${name} is not in the log`);
    else problems.push(...differences(`the ${what} ${name}`, row, derive(match)));
  }
  for (const name of fromLog.keys()) problems.push(`the log's ${what} ${name} is not stored`);
  return problems;
}

/** Each field of `derived` against the stored row's field of the same name. */
/**
 * Read since 0009 (run facts, limit type, metadata), 0011 (message starts), 0012 (error
 * retries) or 0013 (invalidation); a row imported before holds NULL there, which is not a
 * difference (nor is it for a valid sample, whose invalidation is NULL anyway).
 */
const ADDED_BY_A_MIGRATION: ReadonlySet<string> = new Set([
  'runFacts',
  'limitType',
  'metadata',
  'messageStarts',
  'errorRetries',
  'invalidation',
]);

function differences(what: string, stored: object, derived: Record<string, unknown>): string[] {
  const row = stored as Record<string, unknown>;
  return Object.entries(derived)
    .filter(([field]) => !(ADDED_BY_A_MIGRATION.has(field) && row[field] === null))
    .filter(([field, value]) => JSON.stringify(row[field]) !== JSON.stringify(value))
    .map(
      ([field, value]) =>
        `${what} has ${field} ${JSON.stringify(row[field])} stored, but the log gives ${JSON.stringify(value)}`,
    );
}
