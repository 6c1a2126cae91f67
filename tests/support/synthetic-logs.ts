/**
 * Synthetic Inspect logs (tests/bench/synthetic-inspect.ts) for tests that need an import
 * long enough to interrupt in a given phase: reading the logs, or writing their rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { UnlockedKey } from '../../main/crypto';
import { writeSyntheticEvalLog } from '../bench/synthetic-inspect';
import { makeBundle } from './lab';

/** `count` logs of `challenges` × `epochs` samples each, written into `dir`. */
export async function syntheticLogs(
  dir: string,
  count: number,
  shape: { readonly challenges: number; readonly epochs: number } = { challenges: 20, epochs: 5 },
): Promise<{ files: string[]; samples: number }> {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let samples = 0;
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `synthetic-${i + 1}.eval`);
    const stats = await writeSyntheticEvalLog(file, { seed: 0x7e57 + i, ...shape });
    files.push(file);
    samples += stats.samples;
  }
  return { files, samples };
}

/**
 * A bundle of 500 synthetic samples (5 logs of 20 challenges × 5 epochs) in `dir`: reading
 * its logs and writing its rows each take long enough (a good part of a second) to be
 * interrupted in.
 */
export async function makeManySamplesBundle(
  dir: string,
  signer: UnlockedKey,
  name = 'samples.evbundle',
): Promise<string> {
  const { files } = await syntheticLogs(path.join(dir, 'synthetic-logs'), 5);
  return makeBundle(path.join(dir, name), signer, { logs: files });
}
