/**
 * METR's public runs files (eval-analysis-public's data/raw/runs.jsonl): JSON lines, one run
 * each, grouped per agent (its `alias` when present, else `agent`, as METR renames alias to
 * agent before fitting). The file is hostile input: it is streamed line by line with a cap
 * on its size and on each line's, each line is read as strict JSON and checked against the
 * schema below, and the first bad line is refused with its number and field. Other fields
 * (run_id, task_source, …) are ignored.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { DeskError } from '../../common/errors';
import { printable } from '../../common/text';
import { firstIssuePhrase } from '../schema-sentence';
import { parseStrictJson } from '../strict-json';
import {
  FileProblem,
  OPEN_FLAGS,
  requireRegular,
  requireSameRegular,
  statOrExplain,
} from '../user-files';
import type { HorizonRun } from './run';
import type { Weighting } from './weights';

export interface RunsFileLimits {
  readonly maxBytes: number;
  readonly maxLineBytes: number;
}

/** METR's full runs file is tens of megabytes and its lines about a kilobyte. */
export const RUNS_FILE_LIMITS: RunsFileLimits = {
  maxBytes: 512 * 1024 * 1024,
  maxLineBytes: 1024 * 1024,
};

const MAX_NAME = 1000;
const name = z.string().min(1, { message: 'must not be empty' }).max(MAX_NAME);
const weight = z.number().min(0).nullish();

const RunLineSchema = z
  .object({
    task_id: name,
    task_family: name,
    agent: name.nullish(),
    alias: name.nullish(),
    human_minutes: z.number().gt(0),
    score_binarized: z
      .number()
      .refine((s) => s === 0 || s === 1, { message: 'must be 0 or 1' })
      .nullish(),
    score_cont: z.number().min(0).max(1).nullish(),
    weight,
    equal_task_weight: weight,
    invsqrt_task_weight: weight,
  })
  .superRefine((line, context) => {
    if (line.alias == null && line.agent == null)
      context.addIssue({
        code: 'custom',
        path: ['agent'],
        message: 'is missing (a run names its agent or alias)',
      });
    if (line.score_binarized == null && line.score_cont == null)
      context.addIssue({
        code: 'custom',
        path: ['score_binarized'],
        message: 'is missing (a run has score_binarized or score_cont)',
      });
  });

type RunLine = z.infer<typeof RunLineSchema>;

export type WeightColumn = 'equal_task_weight' | 'invsqrt_task_weight' | 'weight';

export interface AgentRuns {
  readonly agent: string;
  readonly runs: readonly HorizonRun[];
  /** The file's column the runs' weights come from; null when they are to be computed. */
  readonly weightColumn: WeightColumn | null;
}

interface ParsedLine {
  readonly number: number;
  readonly line: RunLine;
}

/**
 * The file's runs per agent (agents in order of first appearance). Weights come from the
 * column of `weighting` (equal_task_weight, invsqrt_task_weight) when the agent's runs have
 * it, else from `weight`, else none (the engine computes them); a column an agent's runs
 * have must be on all of them. Every refusal is a DeskError whose sentence ends "Nothing
 * was written." (the analysis writes nothing in any case).
 */
export async function readRunsFile(
  file: string,
  weighting: Weighting,
  limits: RunsFileLimits = RUNS_FILE_LIMITS,
): Promise<AgentRuns[]> {
  const refuse = (why: string) =>
    new DeskError(
      'INVALID_ARGUMENT',
      `The runs file ${printable(file)} cannot be used: ${why}. Nothing was written.`,
    );
  const byAgent = new Map<string, ParsedLine[]>();
  const familyOfTask = new Map<string, ParsedLine>();
  for await (const { number, bytes } of fileLines(file, limits, refuse)) {
    if (bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0d)) continue;
    const json = parseStrictJson(bytes);
    if (!json.ok) throw refuse(`line ${number} cannot be read: ${json.reason}`);
    const parsed = RunLineSchema.safeParse(json.value);
    if (!parsed.success) throw refuse(firstIssuePhrase(`line ${number}`, parsed.error, json.value));
    const entry = { number, line: parsed.data };
    const first = familyOfTask.get(entry.line.task_id);
    if (first === undefined) familyOfTask.set(entry.line.task_id, entry);
    else if (first.line.task_family !== entry.line.task_family)
      throw refuse(
        `line ${number} puts task ${quoted(entry.line.task_id)} in family ${quoted(entry.line.task_family)}, but line ${first.number} puts it in ${quoted(first.line.task_family)}`,
      );
    const agent = entry.line.alias ?? entry.line.agent ?? '';
    const lines = byAgent.get(agent) ?? [];
    byAgent.set(agent, lines);
    lines.push(entry);
  }
  if (byAgent.size === 0) throw refuse('it has no runs');
  return [...byAgent].map(([agent, lines]) => agentRuns(agent, lines, weighting, refuse));
}

function agentRuns(
  agent: string,
  lines: readonly ParsedLine[],
  weighting: Weighting,
  refuse: (why: string) => DeskError,
): AgentRuns {
  const preferred: WeightColumn =
    weighting === 'equal' ? 'equal_task_weight' : 'invsqrt_task_weight';
  const column =
    [preferred, 'weight' as const].find((c) => lines.some(({ line }) => line[c] != null)) ?? null;
  const runs = lines.map(({ number, line }): HorizonRun => {
    const run = {
      taskId: line.task_id,
      family: line.task_family,
      minutes: line.human_minutes,
      // METR's default score column; score_cont is its partial-credit variant.
      score: line.score_binarized ?? line.score_cont ?? 0,
    };
    if (column === null) return run;
    const value = line[column];
    if (value == null) {
      const other = lines.find((l) => l.line[column] != null)?.number ?? 0;
      throw refuse(
        `line ${number} has no ${column}, but line ${other} (the same agent, ${quoted(agent)}) has one: a weight column must be on every run of an agent or on none`,
      );
    }
    return { ...run, weight: value };
  });
  if (column !== null && !runs.some((run) => (run.weight ?? 0) > 0))
    throw refuse(`every ${column} of agent ${quoted(agent)} is 0`);
  return { agent, runs, weightColumn: column };
}

function quoted(text: string): string {
  return printable(JSON.stringify(text));
}

/** The file's lines (numbered from 1, without their line feed), read in chunks. */
async function* fileLines(
  file: string,
  limits: RunsFileLimits,
  refuse: (why: string) => DeskError,
): AsyncGenerator<{ number: number; bytes: Buffer }> {
  const unreadable = (problem: string) =>
    new DeskError(
      'FILE_NOT_FOUND',
      `The runs file ${printable(file)} cannot be read: the file ${problem}. Nothing was written.`,
    );
  const { handle, size } = await openRegular(file).catch((error: unknown) => {
    throw error instanceof FileProblem ? unreadable(error.message) : error;
  });
  try {
    if (size > limits.maxBytes)
      throw unreadable(`is ${size} bytes, more than the ${limits.maxBytes} a runs file may be`);
    const chunk = Buffer.alloc(Math.min(1024 * 1024, Math.max(1, size)));
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let number = 1;
    // No more than the size seen at opening: a file that grows while it is read ends there.
    for (let done = 0; done < size;) {
      const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, size - done), done);
      if (bytesRead === 0) throw unreadable('became shorter while it was being read');
      done += bytesRead;
      let start = 0;
      for (
        let end = chunk.indexOf(0x0a, start);
        end !== -1 && end < bytesRead;
        end = chunk.indexOf(0x0a, start)
      ) {
        pending.push(chunk.subarray(start, end));
        pendingBytes += end - start;
        if (pendingBytes > limits.maxLineBytes) throw refuse(tooLong(number, limits));
        yield { number, bytes: Buffer.concat(pending) };
        pending = [];
        pendingBytes = 0;
        number++;
        start = end + 1;
      }
      pendingBytes += bytesRead - start;
      if (pendingBytes > limits.maxLineBytes) throw refuse(tooLong(number, limits));
      // Copied: the next read reuses the chunk.
      pending.push(Buffer.from(chunk.subarray(start, bytesRead)));
    }
    if (pendingBytes > 0) yield { number, bytes: Buffer.concat(pending) };
  } finally {
    await handle.close();
  }
}

/** Only a regular file is opened, and checked again through the descriptor (main/user-files). */
async function openRegular(
  file: string,
): Promise<{ handle: fs.promises.FileHandle; size: number }> {
  const seen = await statOrExplain(file);
  requireRegular(seen);
  const handle = await fs.promises.open(file, OPEN_FLAGS);
  try {
    const opened = await handle.stat();
    requireSameRegular(seen, opened);
    return { handle, size: opened.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function tooLong(number: number, limits: RunsFileLimits): string {
  return `line ${number} is longer than ${limits.maxLineBytes} bytes`;
}
