/**
 * Synthetic Inspect logs (tests/bench/synthetic-inspect.ts) for tests that need an import
 * long enough to interrupt in a given phase: reading the logs, or writing their rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeSyntheticEvalLog } from '../bench/synthetic-inspect';

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
