/**
 * Verifies a result bundle against the trust roster, entry by entry, without trusting
 * anything in it until the check that vouches for it has passed (docs/formats.md):
 * archive → envelope → lab signatures → statement → entry set → digests → logs → results.
 * With a staging area, every verified entry's bytes are left there for the importer.
 * Logs are read one at a time and handed to `onLog`; only their metrics are kept, so a
 * bundle's logs never need to fit in memory together.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform, Writable } from 'node:stream';
import { sha256Hex, verifyEnvelope, type Envelope, type PublicKey } from '../crypto';
import type { StagingArea } from '../evidence';
import { IN_TOTO_PAYLOAD_TYPE, parseStatement } from '../in-toto';
import {
  EvidenceBudget,
  formatBytes,
  readInspectLog,
  type BundleLimits,
  type InspectLog,
  type MetricCheck,
} from '../inspect';
import { parseStrictJson, type StrictJson } from '../strict-json';
import { DEFAULT_ZIP_LIMITS, SafeZip, ZipRejection, type ZipLimits } from '../zip';
import type { Check, ImportProgress } from '../../common/bundles';
import { printable } from '../../common/text';
import { CheckReport } from './checks';
import {
  claimWarnings,
  futureLogTime,
  futureRunTime,
  inspectModelsOf,
  strangerModel,
} from './claims';
import { compareResults, type CheckedResult } from './compare-results';
import {
  BUNDLE_PREDICATE_TYPE,
  BenchmarkResultsSchema,
  ENVELOPE_ENTRY,
  MAX_ENVELOPE_BYTES,
  type BenchmarkResults,
} from './format';
import { modelLabel } from '../../common/models';
import { firstIssuePhrase } from '../schema-sentence';

/** One step of an import (verification reports opening … reading logs). */
export type BundleProgress = Omit<ImportProgress, 'file'>;

export interface VerifyOptions {
  readonly labKeys: readonly PublicKey[];
  readonly labThreshold: number;
  /** Where verified entries are kept for import; omit to verify only. */
  readonly staging?: StagingArea;
  readonly limits?: ZipLimits;
  /** When the bundle is verified (default: now): no signed time may lie later (claims.ts). */
  readonly verifiedAt?: string;
  /** What all the bundle's logs may cost together (main/inspect/budget.ts). */
  readonly evidenceLimits?: Partial<BundleLimits>;
  readonly onProgress?: (progress: BundleProgress) => void;
  /** Stops verification at the next step (an AbortError, not a rejection). */
  readonly signal?: AbortSignal;
  /**
   * Each log as soon as it is read, after everything but the logs and results has passed
   * (the importer writes its rows). Verification goes on when the promise settles.
   */
  readonly onLog?: (read: ReadLog, bundle: VerifiedHeader) => Promise<void>;
}

/** A log read from the bundle: its entry, the reader's result, its place among the logs. */
export interface ReadLog {
  readonly path: string;
  readonly sha256: string;
  readonly log: InspectLog;
  readonly index: number;
  readonly count: number;
}

export interface VerifiedEntry {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  /** The verified bytes in the staging area, when one was given. */
  readonly stagedFile: string | null;
}

/** What is known once the signature, the statement, the entry set and the digests pass. */
export interface VerifiedHeader {
  readonly envelope: Envelope;
  /** SHA-256 of the signed payload: the same statement however the file around it is made. */
  readonly statementDigest: string;
  readonly predicate: BenchmarkResults;
  readonly signedBy: readonly PublicKey[];
  readonly entries: readonly VerifiedEntry[];
  /** The report so far (logs and results not run yet). */
  readonly checks: readonly Check[];
}

/** What is kept of a log once it has been read: no samples. */
export interface LogOutline {
  readonly path: string;
  /** The Inspect task the log is a run of. */
  readonly task: string;
  /** The model Inspect ran it on (`eval.model`). */
  readonly model: string;
  readonly samples: number;
  readonly metrics: readonly MetricCheck[];
}

export interface VerifiedBundle extends VerifiedHeader {
  readonly logs: readonly LogOutline[];
  readonly results: readonly CheckedResult[];
}

export async function verifyBundle(file: string, options: VerifyOptions): Promise<VerifiedBundle> {
  const report = new CheckReport();
  const progress = options.onProgress ?? (() => undefined);
  progress({ phase: 'opening', done: 0, total: 1 });
  let zip: SafeZip;
  try {
    zip = await SafeZip.open(file, options.limits ?? DEFAULT_ZIP_LIMITS);
  } catch (error) {
    if (error instanceof ZipRejection)
      throw report.fail('archive', `The file is unsafe or unreadable: ${error.message}`);
    throw error;
  }
  try {
    report.pass(
      'archive',
      `${zip.entries.length} entries, all regular files with safe names and sizes`,
    );
    progress({ phase: 'verifying signature', done: 0, total: 1 });
    const envelope = await readEnvelope(zip, report);
    const { predicate, subjects, signedBy, statementDigest } = verifySignedStatement(
      envelope,
      options,
      report,
    );
    checkEntrySet(zip, subjects, report);
    const budget = new EvidenceBudget(options.evidenceLimits);
    checkLogSizes(zip, predicate.logs, budget.limits.maxLogBytes, report);
    const entries = await checkDigests(zip, subjects, options, report, progress);
    const header = {
      envelope,
      statementDigest,
      predicate,
      signedBy,
      entries,
      checks: report.checks(),
    };
    const logs = await readLogs(zip, header, budget, report, progress, options);
    const results = compareResults(predicate.results, logs);
    const differing = results.filter((r) => r.status === 'differs');
    if (differing.length > 0) {
      report.warn(
        'results',
        `${differing.length} of ${results.length} claimed results differ from their logs: ${differing
          .slice(0, 3)
          .map((r) => r.detail)
          .join('; ')}`,
      );
    } else {
      report.pass('results', `${results.length} claimed results; none contradicts its log`);
    }
    const unproven = claimWarnings(predicate, signedBy, logs);
    if (unproven === null)
      report.pass(
        'claims',
        `Evaluator named by its signers; every log run on a signed Inspect model (${inspectModelsOf(logs).join(', ')}); every result filed under its log's task`,
      );
    else report.warn('claims', unproven);
    return { ...header, logs, results, checks: report.checks() };
  } finally {
    zip.close();
  }
}

async function readEnvelope(zip: SafeZip, report: CheckReport): Promise<Envelope> {
  if (!zip.entries.some((e) => e.name === ENVELOPE_ENTRY)) {
    throw report.fail('envelope', `The bundle has no ${ENVELOPE_ENTRY}, so it is unsigned`);
  }
  let json: StrictJson;
  try {
    json = parseStrictJson(await zip.readEntry(ENVELOPE_ENTRY, MAX_ENVELOPE_BYTES));
  } catch (error) {
    const why = error instanceof ZipRejection ? error.message : 'it is not JSON';
    throw report.fail('envelope', `${ENVELOPE_ENTRY} cannot be read: ${why}`);
  }
  if (!json.ok) throw report.fail('envelope', `${ENVELOPE_ENTRY} cannot be read: ${json.reason}`);
  report.pass('envelope', `${ENVELOPE_ENTRY} read`);
  return json.value as Envelope;
}

function verifySignedStatement(envelope: Envelope, options: VerifyOptions, report: CheckReport) {
  if (options.labKeys.length === 0) {
    throw report.fail(
      'signature',
      'The trust roster lists no lab keys, so no bundle can be trusted yet',
    );
  }
  const verified = verifyEnvelope(envelope, {
    trustedKeys: options.labKeys,
    threshold: options.labThreshold,
    payloadTypes: [IN_TOTO_PAYLOAD_TYPE],
  });
  if (!verified.ok) {
    const id =
      verified.code === 'MALFORMED_ENVELOPE'
        ? 'envelope'
        : verified.code === 'PAYLOAD_TYPE_NOT_ALLOWED'
          ? 'statement'
          : 'signature';
    if (id === 'statement') report.pass('signature', 'Signature threshold met');
    throw report.fail(id, withoutFullStop(verified.reason));
  }
  report.pass(
    'signature',
    `Signed by ${verified.signedBy.map((k) => `${k.name} (${k.keyid.slice(0, 12)}…)`).join(', ')}`,
  );

  const statement = parseStatement(verified.payload, BUNDLE_PREDICATE_TYPE);
  if (!statement.ok) throw report.fail('statement', capitalise(statement.reason));
  const predicate = BenchmarkResultsSchema.safeParse(statement.statement.predicate);
  if (!predicate.success) {
    throw report.fail(
      'statement',
      firstIssuePhrase(
        'The benchmark-results predicate',
        predicate.error,
        statement.statement.predicate,
      ),
    );
  }
  const subjects = new Map<string, string>();
  for (const subject of statement.statement.subject) {
    if (subjects.has(subject.name))
      throw report.fail('statement', `The statement lists subject "${subject.name}" twice`);
    subjects.set(subject.name, subject.digest.sha256);
  }
  const future = futureRunTime(predicate.data, verifiedAt(options));
  if (future !== null) throw report.fail('statement', future);
  report.pass(
    'statement',
    `${modelLabel(predicate.data.model)}, ${predicate.data.results.length} results, ${subjects.size} subjects`,
  );
  return {
    predicate: predicate.data,
    subjects,
    signedBy: verified.signedBy,
    statementDigest: sha256Hex(verified.payload),
  };
}

function checkEntrySet(
  zip: SafeZip,
  subjects: ReadonlyMap<string, string>,
  report: CheckReport,
): void {
  const names = zip.entries.map((e) => e.name).filter((n) => n !== ENVELOPE_ENTRY);
  const unsigned = names.filter((n) => !subjects.has(n));
  if (unsigned.length > 0) {
    throw report.fail(
      'entries',
      `The bundle holds ${quoteList(unsigned)}, which the signed statement does not list`,
    );
  }
  const present = new Set(names);
  const missing = [...subjects.keys()].filter((n) => !present.has(n));
  if (missing.length > 0) {
    throw report.fail(
      'entries',
      `The signed statement lists ${quoteList(missing)}, which the bundle does not hold`,
    );
  }
  report.pass('entries', `${names.length} entries, exactly the signed subjects`);
}

/** A log too large to read is refused from the directory, before anything is inflated. */
function checkLogSizes(
  zip: SafeZip,
  logs: readonly string[],
  maxLogBytes: number,
  report: CheckReport,
): void {
  const declared = new Set(logs);
  const large = zip.entries.find((e) => declared.has(e.name) && e.uncompressedSize > maxLogBytes);
  if (large === undefined) return;
  throw report.fail(
    'logs',
    `Log "${printable(large.name)}" is ${large.uncompressedSize} bytes, more than the ${formatBytes(maxLogBytes)} one log may be`,
  );
}

async function checkDigests(
  zip: SafeZip,
  subjects: ReadonlyMap<string, string>,
  options: VerifyOptions,
  report: CheckReport,
  progress: (p: BundleProgress) => void,
): Promise<VerifiedEntry[]> {
  const total = zip.entries
    .filter((e) => e.name !== ENVELOPE_ENTRY)
    .reduce((sum, e) => sum + e.uncompressedSize, 0);
  let done = 0;
  const entries: VerifiedEntry[] = [];
  for (const entry of zip.entries) {
    if (entry.name === ENVELOPE_ENTRY) continue;
    const hash = crypto.createHash('sha256');
    let size = 0;
    const staged = options.staging?.file(entry.name) ?? null;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        done += chunk.length;
        progress({ phase: 'checking digests', done, total });
        callback(null, chunk);
      },
    });
    try {
      const source = await zip.openEntry(entry.name);
      const sink =
        staged === null ? devNull() : fs.createWriteStream(staged, { mode: 0o600, flags: 'wx' });
      await pipeline(source, counter, sink, options.signal ? { signal: options.signal } : {});
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const why = error instanceof Error ? error.message : String(error);
      throw report.fail(
        'archive',
        `Entry "${entry.name}" is corrupt or larger than it claims (${why})`,
      );
    }
    const digest = hash.digest('hex');
    if (digest !== subjects.get(entry.name)) {
      throw report.fail(
        'digests',
        `Entry "${entry.name}" does not match its signed digest: it has been changed since it was signed`,
      );
    }
    entries.push({ path: entry.name, sha256: digest, size, stagedFile: staged });
  }
  report.pass('digests', `${entries.length} entries, ${done} bytes, every SHA-256 matches`);
  return entries;
}

async function readLogs(
  zip: SafeZip,
  header: VerifiedHeader,
  budget: EvidenceBudget,
  report: CheckReport,
  progress: (p: BundleProgress) => void,
  options: VerifyOptions,
): Promise<LogOutline[]> {
  const { signal, onLog } = options;
  const byPath = new Map(header.entries.map((e) => [e.path, e]));
  const logs: LogOutline[] = [];
  const count = header.predicate.logs.length;
  for (const [index, path] of header.predicate.logs.entries()) {
    signal?.throwIfAborted();
    progress({ phase: 'reading logs', done: index, total: count });
    const entry = byPath.get(path);
    if (entry === undefined)
      throw report.fail(
        'logs',
        `The statement declares log "${printable(path)}", which is not a signed entry`,
      );
    // checkLogSizes refused any log over the limit before its digest was taken.
    const bytes =
      entry.stagedFile === null
        ? await zip.readEntry(path, budget.limits.maxLogBytes)
        : fs.readFileSync(entry.stagedFile);
    let log: InspectLog;
    try {
      log = await readInspectLog(path, bytes, {}, budget);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw report.fail(
        'logs',
        `Log "${printable(path)}" cannot be read as an Inspect log: ${withoutFullStop(why)}`,
      );
    }
    const future = futureLogTime(path, log.created, verifiedAt(options));
    if (future !== null) throw report.fail('logs', future);
    const stranger = strangerModel(path, log.model, header.predicate.model);
    if (stranger !== null) throw report.fail('logs', stranger);
    await onLog?.({ path, sha256: entry.sha256, log, index, count }, header);
    logs.push({
      path,
      task: log.task,
      model: log.model,
      samples: log.samples.length,
      metrics: log.metrics,
    });
  }
  const samples = logs.reduce((n, l) => n + l.samples, 0);
  report.pass('logs', `${logs.length} Inspect logs, ${samples} samples`);
  return logs;
}

function verifiedAt(options: VerifyOptions): Date {
  return options.verifiedAt === undefined ? new Date() : new Date(options.verifiedAt);
}

/** Hashing without keeping the bytes (verify-only runs). */
function devNull(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

function quoteList(names: readonly string[]): string {
  const shown = names
    .slice(0, 3)
    .map((n) => `"${n}"`)
    .join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

function withoutFullStop(text: string): string {
  return text.replace(/\.\s*$/, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
