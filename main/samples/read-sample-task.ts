/**
 * The sample worker's work (sample.worker.ts): one sample of a stored log, read whole for
 * the sample view. The log is read from the evidence store and hashed first: the store is
 * a folder on disk, and a file there that no longer has the digest the lab signed is not
 * evidence (EVIDENCE_ALTERED), whatever it holds.
 */
import crypto from 'node:crypto';
import { DeskError, type ErrorCode } from '../../common/errors';
import { printable } from '../../common/text';
import {
  DEFAULT_BUNDLE_LIMITS,
  readInspectSample,
  toSampleContent,
  type SampleContent,
} from '../inspect';
import { FileProblem, readRegularFile } from '../user-files';

export interface ReadSampleTask {
  /** The log's file in the evidence store, its signed digest and its name in the bundle. */
  readonly file: string;
  readonly sha256: string;
  readonly logPath: string;
  readonly sampleId: string;
  readonly epoch: number;
}

/**
 * The sample's content; null if the log holds no such sample; or why it cannot be read (a
 * DeskError's code and sentence: errors lose their class crossing from a worker).
 */
export type ReadSampleAnswer =
  | { readonly ok: true; readonly content: SampleContent | null }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

export async function readSampleTask(task: ReadSampleTask): Promise<ReadSampleAnswer> {
  try {
    return { ok: true, content: await readSample(task) };
  } catch (error) {
    if (error instanceof DeskError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

async function readSample(task: ReadSampleTask): Promise<SampleContent | null> {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(task.file, DEFAULT_BUNDLE_LIMITS.maxLogBytes);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    throw altered(task, `its stored copy ${error.message}`);
  }
  const digest = crypto.createHash('sha256').update(bytes).digest('hex');
  if (digest !== task.sha256) {
    throw altered(
      task,
      `its stored copy has SHA-256 ${digest}, not the ${task.sha256} the lab signed`,
    );
  }
  const raw = await readInspectSample(task.logPath, bytes, {
    id: task.sampleId,
    epoch: task.epoch,
  });
  return raw === null ? null : toSampleContent(raw);
}

function altered(task: ReadSampleTask, what: string): DeskError {
  return new DeskError(
    'EVIDENCE_ALTERED',
    printable(
      `The log "${task.logPath}" cannot be shown: ${what}. The evidence store was changed outside the desk; run "desk doctor" and re-import the bundle.`,
    ),
  );
}
