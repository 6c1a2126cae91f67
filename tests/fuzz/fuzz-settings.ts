/**
 * How many cases each property runs, and from which seed. CI runs a bounded, seeded share
 * (the defaults); `npm run fuzz -- --runs 10000` runs more (`--minutes M` stops each
 * property after M minutes, counting what ran as passed), and a failure is replayed with
 * the seed and path fast-check printed: `npm run fuzz -- --seed S --path P --grep NAME`
 * (run-fuzz.ts turns these options into the FUZZ_* variables read here). Each property's
 * count of cases is appended to reports/fuzz/runs.txt.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { TempDirs } from '../support/temp-dir';

/** The CI share: a fixed seed, so a red build is reproducible from its log alone. */
const CI_SEED = 0x0de5c;
const RUNS_LOG = path.resolve(import.meta.dirname, '../../reports/fuzz/runs.txt');

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got "${raw}".`);
  return value;
}

function parameters<T>(ciRuns: number): fc.Parameters<T> {
  const runs = envNumber('FUZZ_RUNS');
  const minutes = envNumber('FUZZ_MINUTES');
  const replay = process.env.FUZZ_PATH;
  return {
    numRuns: runs ?? ciRuns,
    seed: envNumber('FUZZ_SEED') ?? CI_SEED,
    ...(replay ? { path: replay } : {}),
    // Past the time limit a property stops; the cases run by then count as passed.
    ...(minutes === undefined ? {} : { plugins: [fc.interruptAfterTimeLimit(minutes * 60_000)] }),
    // Shrinking a slow case can take longer than finding it; keep a long run's report prompt.
    endOnFailure: runs !== undefined && runs > ciRuns,
  };
}

/**
 * Checks `property` over its CI share (`ciRuns`) or what FUZZ_* asks, and records the count.
 * The temporary directories a case makes are removed after it, so a long run does not pile
 * up thousands of data directories for the test's end.
 */
export async function fuzz<T>(
  property: fc.IAsyncProperty<[T]> | fc.IProperty<[T]>,
  ciRuns: number,
  /** Where a case makes its folders; omit when the property manages its own (import-check.ts). */
  tempDirs?: TempDirs,
): Promise<void> {
  let mark = 0;
  const scoped = parameters<[T]>(ciRuns);
  if (tempDirs !== undefined) {
    scoped.plugins = [
      ...(scoped.plugins ?? []),
      fc.beforeEach(() => {
        mark = tempDirs.mark();
      }),
      fc.afterEach(() => {
        tempDirs.removeSince(mark);
      }),
    ];
  }
  const details = await Promise.resolve(fc.check(property, scoped));
  const name = expect.getState().currentTestName ?? 'a fuzz property';
  const line = `${new Date().toISOString()} ${name}: ${String(details.numRuns)} cases, seed ${String(details.seed)}${details.interrupted ? ', stopped at the time limit' : ''}${details.failed ? ', FAILED' : ''}\n`;
  fs.mkdirSync(path.dirname(RUNS_LOG), { recursive: true });
  fs.appendFileSync(RUNS_LOG, line);
  if (details.failed) {
    const report = fc.defaultReportMessage(details) ?? `${name} failed.`;
    throw new Error(`${report}\n${String(details.errorInstance)}`, {
      cause: details.errorInstance,
    });
  }
}

/** The Vitest timeout for a property of `ciRuns` cases, each allowed `perCaseMs`. */
export function fuzzTimeout(ciRuns: number, perCaseMs: number): number {
  const minutes = envNumber('FUZZ_MINUTES');
  const byRuns = (envNumber('FUZZ_RUNS') ?? ciRuns) * perCaseMs * 2;
  return Math.max(
    60_000,
    minutes === undefined ? byRuns : Math.min(byRuns, (minutes + 2) * 60_000),
  );
}
