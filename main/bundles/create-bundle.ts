/**
 * Creates a signed result bundle from Inspect logs (and optional attachments): the lab's
 * side of the format. Results are filled from what Inspect recorded in each log's
 * `results.scores`; the statement lists every entry's digest and is signed with DSSE.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { JsonValue } from '../canonical-json';
import { signEnvelope, type UnlockedKey } from '../crypto';
import { DeskError } from '../../common/errors';
import { IN_TOTO_PAYLOAD_TYPE, makeStatement } from '../in-toto';
import { DEFAULT_BUNDLE_LIMITS, readInspectLog, type InspectLog } from '../inspect';
import { FileProblem, readRegularFile } from '../user-files';
import { printable } from '../../common/text';
import {
  BUNDLE_PREDICATE_TYPE,
  BenchmarkResultsSchema,
  ENVELOPE_ENTRY,
  type BenchmarkResult,
  type BenchmarkResults,
} from './format';
import { strangerModel } from './claims';

export interface CreateBundleOptions {
  readonly out: string;
  readonly logs: readonly string[];
  readonly attachments?: readonly string[];
  readonly evaluator: BenchmarkResults['evaluator'];
  readonly model: BenchmarkResults['model'];
  readonly suite: BenchmarkResults['suite'];
  readonly runStartedOn?: string;
  readonly runFinishedOn?: string;
  readonly signers: readonly UnlockedKey[];
  readonly now?: () => Date;
}

export interface CreatedBundle {
  readonly file: string;
  readonly predicate: BenchmarkResults;
  readonly entries: readonly { readonly name: string; readonly sha256: string }[];
}

export async function createBundle(options: CreateBundleOptions): Promise<CreatedBundle> {
  if (fs.existsSync(options.out)) {
    throw new DeskError(
      'INVALID_ARGUMENT',
      `${options.out} already exists; choose a new file name. Nothing was written.`,
    );
  }
  if (options.logs.length === 0)
    throw new DeskError('INVALID_ARGUMENT', 'A bundle needs at least one log.');
  const files = [
    ...options.logs.map((file) => ({ file, name: `logs/${path.basename(file)}`, isLog: true })),
    ...(options.attachments ?? []).map((file) => ({
      file,
      name: `attachments/${path.basename(file)}`,
      isLog: false,
    })),
  ];
  const names = new Set<string>();
  for (const { name } of files) {
    if (names.has(name))
      throw new DeskError(
        'INVALID_ARGUMENT',
        `Two inputs would both be stored as "${name}"; rename one. Nothing was written.`,
      );
    names.add(name);
  }

  const entries: { name: string; sha256: string; file: string }[] = [];
  const results: BenchmarkResult[] = [];
  const created: string[] = [];
  for (const { file, name, isLog } of files) {
    let bytes: Buffer;
    try {
      bytes = readRegularFile(file, DEFAULT_BUNDLE_LIMITS.maxLogBytes);
    } catch (error) {
      const why = error instanceof FileProblem ? `: the file ${error.message}` : '';
      throw new DeskError(
        'FILE_NOT_FOUND',
        `${printable(file)} cannot be read${why}. Nothing was written.`,
      );
    }
    entries.push({ name, file, sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
    if (isLog) {
      const log = await readInspectLog(name, bytes);
      // A bundle every workstation would reject is not written.
      const stranger = strangerModel(name, log.model, options.model);
      if (stranger !== null)
        throw new DeskError('INVALID_ARGUMENT', `${stranger}. Nothing was written.`);
      results.push(...resultsOf(log, name));
      if (log.created) created.push(log.created);
    }
  }

  const now = (options.now ?? (() => new Date()))().toISOString();
  const predicate = BenchmarkResultsSchema.parse({
    evaluator: options.evaluator,
    model: options.model,
    suite: options.suite,
    runStartedOn: options.runStartedOn ?? earliest(created) ?? now,
    runFinishedOn: options.runFinishedOn ?? now,
    logs: files.filter((f) => f.isLog).map((f) => f.name),
    results,
  });
  const statement = makeStatement(
    entries.map((e) => ({ name: e.name, digest: { sha256: e.sha256 } })),
    BUNDLE_PREDICATE_TYPE,
    predicate as unknown as { [key: string]: JsonValue },
  );
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, statement, options.signers);

  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`), ENVELOPE_ENTRY, {
    compress: true,
  });
  for (const entry of entries) {
    // .eval logs are zips already: storing them again compressed gains nothing.
    zip.addFile(entry.file, entry.name, { compress: !entry.name.endsWith('.eval') });
  }
  zip.end();
  const partial = `${options.out}.partial-${process.pid}`;
  try {
    await pipeline(zip.outputStream, fs.createWriteStream(partial, { flags: 'wx' }));
    fs.renameSync(partial, options.out);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return {
    file: options.out,
    predicate,
    entries: entries.map(({ name, sha256 }) => ({ name, sha256 })),
  };
}

/** One result per scorer metric Inspect recorded, with that scorer's stderr attached. */
function resultsOf(log: InspectLog, entryName: string): BenchmarkResult[] {
  const n = log.completedSamples ?? log.samples.length;
  return log.scorers.flatMap((score) => {
    const stderr = score.metrics.stderr ?? null;
    return Object.entries(score.metrics)
      .filter(([metric, value]) => metric !== 'stderr' && value !== null)
      .map(([metric, value]) => ({
        benchmark: log.task,
        scorer: score.name,
        metric,
        value: value as number,
        stderr,
        n,
        log: entryName,
      }));
  });
}

function earliest(timestamps: readonly string[]): string | undefined {
  const valid = timestamps.filter((t) => !Number.isNaN(Date.parse(t)));
  if (valid.length === 0) return undefined;
  return new Date(Math.min(...valid.map((t) => Date.parse(t)))).toISOString();
}
