/**
 * Reads an Inspect eval log, `.eval` (zip) or legacy `.json`, into an InspectLog and
 * checks the metrics Inspect claimed against the samples. The format is decided by the
 * bytes, not the name. Every problem with the input is a DeskError INVALID_INSPECT_LOG
 * whose one sentence names the file and what is wrong with it (docs/formats.md).
 */
import { kStringMaxLength } from 'node:buffer';
import type { z } from 'zod';
import { DeskError } from '../../common/errors';
import { printable } from '../../common/text';
import { describeIssue } from '../schema-sentence';
import { BudgetExceeded, EvidenceBudget } from './budget';
import { ArchiveProblem, EvalArchive } from './eval-archive';
import { finiteOrNull } from './finite';
import { jsonShape } from './json-bounds';
import { parseLenientJson } from './lenient-json';
import { formatBytes, resolveLimits, type ReadLimits } from './limits';
import { checkMetrics, partialMetrics } from './recompute';
import { sampleCounts, toInspectRun } from './run';
import { toInspectSample } from './sample';
import {
  EvalHeaderSchema,
  EvalSampleSchema,
  JsonLogSchema,
  LogStartSchema,
  type EvalHeader,
  type EvalScore,
} from './schema';
import type { TextCounter } from './transcript';
import type { ClaimedScore, InspectLog, InspectSample } from './types';

const HEADER_JSON = 'header.json';
const JOURNAL_START_JSON = '_journal/start.json';
const SAMPLES_PREFIX = 'samples/';

/** Raised inside the reader; readInspectLog turns it into the user-facing DeskError. */
class LogProblem extends Error {
  override readonly name = 'LogProblem';
}

/**
 * `budget` is shared by every log of one bundle (verifyBundle passes one); without it the
 * log has a budget of its own.
 */
export async function readInspectLog(
  fileName: string,
  bytes: Uint8Array,
  limits?: Partial<ReadLimits>,
  budget: EvidenceBudget = new EvidenceBudget(),
): Promise<InspectLog> {
  const reading: Reading = { limits: resolveLimits(limits), budget };
  return explained(fileName, async () => {
    if (isZip(bytes)) return await readEvalLog(bytes, reading);
    if (startsLikeJson(bytes)) return readJsonLog(bytes, reading);
    throw notALog(fileName);
  });
}

/** A sample of a log by its Inspect id (as text) and epoch. */
export interface SampleLookup {
  readonly id: string;
  readonly epoch: number;
}

/**
 * One sample of a log as parsed JSON, under the same limits and schema as the import (so it
 * is a sample the import read), with everything the import does not keep (events, full
 * metadata, attachments); null if the log holds no such sample. `.eval` members are named
 * after the id and epoch; if that member is missing or holds another sample, every sample
 * member is looked through, as the import read them.
 */
export async function readInspectSample(
  fileName: string,
  bytes: Uint8Array,
  lookup: SampleLookup,
  limits?: Partial<ReadLimits>,
): Promise<Record<string, unknown> | null> {
  const reading: Reading = { limits: resolveLimits(limits), budget: new EvidenceBudget() };
  const matches = (raw: unknown, where: string): raw is Record<string, unknown> => {
    const sample = validate(EvalSampleSchema, raw, where);
    return String(sample.id) === lookup.id && sample.epoch === lookup.epoch;
  };
  return explained(fileName, async () => {
    if (isZip(bytes)) {
      const archive = await EvalArchive.open(bytes, reading.limits, reading.budget);
      const member = async (name: string) =>
        parseJson(await archive.read(name), `has a member ${name} that`, reading.limits);
      const named = `${SAMPLES_PREFIX}${lookup.id}_epoch_${lookup.epoch}.json`;
      const candidates = [named, ...archive.names.filter((n) => n !== named)];
      for (const name of candidates) {
        if (!archive.has(name) || !name.startsWith(SAMPLES_PREFIX) || !name.endsWith('.json'))
          continue;
        const raw = await member(name);
        if (matches(raw, `has a member ${name} that`)) return raw;
      }
      return null;
    }
    if (startsLikeJson(bytes)) {
      const log = validate(JsonLogSchema, parseJson(bytes, '', reading.limits), '');
      return (log.samples ?? []).find((raw, i) => matches(raw, `has samples[${i}] that`)) ?? null;
    }
    throw notALog(fileName);
  });
}

function notALog(fileName: string): LogProblem {
  return new LogProblem(
    fileName.toLowerCase().endsWith('.eval')
      ? 'is not a zip archive, which an .eval log must be'
      : 'is neither an .eval (zip) log nor a JSON log',
  );
}

/** `read()`, with a problem of the input as a DeskError INVALID_INSPECT_LOG naming the file. */
async function explained<T>(fileName: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (
      error instanceof LogProblem ||
      error instanceof ArchiveProblem ||
      error instanceof BudgetExceeded
    ) {
      throw new DeskError(
        'INVALID_INSPECT_LOG',
        printable(`The Inspect log "${fileName}" ${error.message}.`),
      );
    }
    if (error instanceof RangeError) {
      // V8's limits: a string or array too long, or JSON nested past the stack.
      throw new DeskError(
        'INVALID_INSPECT_LOG',
        printable(
          `The Inspect log "${fileName}" is too large or too deeply nested to read (${error.message}).`,
        ),
      );
    }
    throw error;
  }
}

/** The limits of one log and the budget of its bundle. */
interface Reading {
  readonly limits: ReadLimits;
  readonly budget: EvidenceBudget;
}

async function readEvalLog(bytes: Uint8Array, reading: Reading): Promise<InspectLog> {
  const { limits } = reading;
  const archive = await EvalArchive.open(bytes, limits, reading.budget);
  const memberJson = async (name: string): Promise<unknown> =>
    parseJson(await archive.read(name), `has a member ${name} that`, limits);

  let header: EvalHeader;
  let headerSource: InspectLog['headerSource'];
  if (archive.has(HEADER_JSON)) {
    header = validate(
      EvalHeaderSchema,
      await memberJson(HEADER_JSON),
      `has a member ${HEADER_JSON} that`,
    );
    headerSource = 'header.json';
  } else if (archive.has(JOURNAL_START_JSON)) {
    // A run that crashed or is still going has no header yet; Inspect rebuilds it from the
    // journal's start record, with status "started" and no results.
    const start = validate(
      LogStartSchema,
      await memberJson(JOURNAL_START_JSON),
      `has a member ${JOURNAL_START_JSON} that`,
    );
    // Its stats and error are only written at the end, so there are none.
    header = {
      version: start.version,
      status: 'started',
      eval: start.eval,
      plan: start.plan,
      results: null,
      stats: null,
      error: null,
    };
    headerSource = 'journal';
  } else {
    throw new LogProblem(
      `has neither ${HEADER_JSON} nor ${JOURNAL_START_JSON}, so it is not an Inspect .eval log`,
    );
  }

  const counter = textCounter(reading);
  const samples: SampleFrom[] = [];
  for (const name of archive.names) {
    if (!name.startsWith(SAMPLES_PREFIX) || !name.endsWith('.json')) continue;
    const sample = validate(EvalSampleSchema, await memberJson(name), `has a member ${name} that`);
    samples.push({ where: `member ${name}`, sample: toInspectSample(sample, counter) });
  }
  return assemble('eval', headerSource, header, samples, counter);
}

function readJsonLog(bytes: Uint8Array, reading: Reading): InspectLog {
  reading.budget.inflate(bytes.byteLength);
  const log = validate(JsonLogSchema, parseJson(bytes, '', reading.limits), '');
  const counter = textCounter(reading);
  const samples = (log.samples ?? []).map((raw, i): SampleFrom => {
    const sample = validate(EvalSampleSchema, raw, `has samples[${i}] that`);
    return { where: `samples[${i}]`, sample: toInspectSample(sample, counter) };
  });
  return assemble('json', 'json', log, samples, counter);
}

interface SampleFrom {
  /** Where the sample was found, for error messages. */
  readonly where: string;
  readonly sample: InspectSample;
}

function assemble(
  format: InspectLog['format'],
  headerSource: InspectLog['headerSource'],
  header: EvalHeader,
  found: readonly SampleFrom[],
  counter: TextCounter,
): InspectLog {
  const samples = sortSamples(uniqueSamples(found));
  const spec = header.eval;
  const scores = header.results?.scores ?? [];
  const reducers = spec.config?.epochs_reducer ?? [];
  const scoreOnError = spec.config?.score_on_error === true;
  // A finished run's metrics are its claims, which `metrics` checks; any other run has
  // only its samples to show how far it got.
  const finished = header.status === 'success' && header.results != null;
  return {
    format,
    headerSource,
    task: spec.task,
    taskVersion: finiteOrText(spec.task_version),
    taskId: spec.task_id ?? null,
    runId: spec.run_id ?? null,
    model: spec.model,
    dataset: { name: spec.dataset?.name ?? null, samples: spec.dataset?.samples ?? null },
    status: header.status,
    created: spec.created ?? null,
    totalSamples: header.results?.total_samples ?? null,
    completedSamples: header.results?.completed_samples ?? null,
    scorers: scores.map(toClaimedScore),
    samples,
    metrics: checkMetrics(scores, samples, {
      defaultReducer: reducers.length === 1 && reducers[0] !== undefined ? reducers[0] : 'mean',
      scoreOnError,
    }),
    run: toInspectRun(header, samples, counter),
    sampleCounts: sampleCounts(samples),
    partialMetrics: finished ? [] : partialMetrics(samples, reducers, scoreOnError),
  };
}

/**
 * Each (id, epoch) once. Inspect names a sample's member after its id and epoch, so two
 * different members holding the same sample mean a log that was tampered with or
 * mangled; we refuse it rather than pick one.
 */
function uniqueSamples(found: readonly SampleFrom[]): InspectSample[] {
  const seen = new Map<string, string>();
  for (const { where, sample } of found) {
    const key = JSON.stringify([sample.id, sample.epoch]);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new LogProblem(
        `holds sample ${JSON.stringify(sample.id)} epoch ${sample.epoch} twice (${earlier} and ${where})`,
      );
    }
    seen.set(key, where);
  }
  return found.map((f) => f.sample);
}

const idOrder = new Intl.Collator('en', { numeric: true });

/** By id (numbers in numeric order), then epoch; ties in collation fall back to code units. */
function sortSamples(samples: InspectSample[]): InspectSample[] {
  return samples.sort(
    (a, b) =>
      idOrder.compare(a.id, b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || a.epoch - b.epoch,
  );
}

function toClaimedScore(score: EvalScore): ClaimedScore {
  return {
    name: score.name,
    scorer: score.scorer,
    reducer: score.reducer ?? null,
    metrics: Object.fromEntries(
      Object.entries(score.metrics).map(([key, metric]) => [key, finiteOrNull(metric.value)]),
    ),
  };
}

/** Text counted against the log's limit and the bundle's budget. */
function textCounter({ limits, budget }: Reading): TextCounter {
  let used = 0;
  return {
    stored: (text) => {
      used += text.length;
      if (used > limits.maxTextChars) {
        throw new LogProblem(
          `holds more than ${limits.maxTextChars} characters of text once attachments are resolved (the text limit)`,
        );
      }
      budget.store(text.length);
      return text;
    },
    attached: (content) => {
      budget.attach(content.length);
    },
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The most a JSON text may be: the per-member limit, and never past V8's longest string. */
function maxJsonBytes(limits: ReadLimits): number {
  return Math.min(limits.maxMemberBytes, kStringMaxLength);
}

/**
 * `lead` comes before "is not valid …": "" or "has a member x that". What JSON.parse may
 * build is bounded first (json-bounds.ts): a text too large, too deep or of too many values
 * is refused before it is decoded or parsed.
 */
function parseJson(bytes: Uint8Array, lead: string, limits: ReadLimits): unknown {
  const subject = lead === '' ? '' : `${lead} `;
  if (bytes.byteLength > maxJsonBytes(limits)) {
    throw new LogProblem(
      `${subject}is ${formatBytes(bytes.byteLength)} of JSON, larger than the reader can hold (at most ${formatBytes(maxJsonBytes(limits))} in one JSON text)`,
    );
  }
  const shape = jsonShape(bytes, {
    maxDepth: limits.maxJsonDepth,
    maxValues: limits.maxJsonValues,
  });
  if (shape.depth > limits.maxJsonDepth) {
    throw new LogProblem(
      `${subject}nests arrays and objects more than ${limits.maxJsonDepth} deep, more than the reader accepts`,
    );
  }
  if (shape.values > limits.maxJsonValues) {
    throw new LogProblem(
      `${subject}holds more than ${limits.maxJsonValues} JSON values, more than the reader can hold`,
    );
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (error) {
    // A decoded text past V8's longest string is a RangeError, not bad UTF-8.
    if (error instanceof RangeError) {
      throw new LogProblem(`${subject}is larger than the reader can hold (${error.message})`);
    }
    throw new LogProblem(`${subject}is not valid UTF-8 text`);
  }
  try {
    return parseLenientJson(text);
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new LogProblem(`${subject}is not valid JSON (${error.message})`);
    }
    throw error;
  }
}

/** `lead` completes a phrase before "does not match": "" or "has a member x that". */
function validate<T>(schema: z.ZodType<T>, value: unknown, lead: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue === undefined || issue.path.length === 0 ? '' : ` at ${formatPath(issue.path)}`;
  const subject = lead === '' ? '' : `${lead} `;
  // Words, not zod's ("received undefined"): the sentence is for a reviewer.
  const what = issue === undefined ? 'invalid' : describeIssue(issue, value);
  throw new LogProblem(`${subject}does not match Inspect's log schema${at} (${what})`);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

function isZip(bytes: Uint8Array): boolean {
  // A local file header, or the end-of-central-directory record of an empty archive.
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

function startsLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  ) {
    i += 1;
  }
  return bytes[i] === 0x7b;
}

function finiteOrText(version: string | number | null | undefined): string | number | null {
  if (version === undefined || version === null) return null;
  return typeof version === 'number' && !Number.isFinite(version) ? null : version;
}
