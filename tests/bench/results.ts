/**
 * bench/results.json holds every benchmark's latest figures, one section per benchmark,
 * so the benches can run alone or together: each replaces only its own section.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');
export const RESULTS_FILE = process.env.BENCH_OUT ?? path.join(REPO, 'bench', 'results.json');

/** The machine the figures were taken on. */
export function machine(): Record<string, string | number> {
  const cpu = os.cpus()[0];
  return {
    cpu: cpu?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** Replaces `section` of bench/results.json with `figures` (stamped with date and machine). */
export function recordResults(section: string, figures: Record<string, unknown>): void {
  let all: Record<string, unknown> = {};
  if (fs.existsSync(RESULTS_FILE)) {
    const parsed: unknown = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
    // The file predates sections when it has the import figures at its top level.
    if (typeof parsed === 'object' && parsed !== null && !('bundle' in parsed)) {
      all = parsed as Record<string, unknown>;
    }
  }
  all[section] = { date: new Date().toISOString(), machine: machine(), ...figures };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
}

/** How long `run` takes, in milliseconds to one decimal. */
export function timeMs(run: () => unknown): number {
  const start = performance.now();
  run();
  return Math.round((performance.now() - start) * 10) / 10;
}
