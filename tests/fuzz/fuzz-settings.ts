/**
 * How many cases each property runs, and from which seed. CI runs a bounded, seeded share
 * (the defaults); `npm run fuzz -- --runs 10000` runs more, and a failure is replayed with
 * the seed and path fast-check printed: `npm run fuzz -- --seed S --path P --grep NAME`
 * (run-fuzz.ts turns these options into the FUZZ_* variables read here).
 */
import fc from 'fast-check';

/** The CI share: a fixed seed, so a red build is reproducible from its log alone. */
const CI_SEED = 0x0de5c;

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got "${raw}".`);
  return value;
}

/** fast-check parameters for a property whose CI share is `ciRuns` cases. */
export function fuzzParameters<T>(ciRuns: number): fc.Parameters<T> {
  const runs = envNumber('FUZZ_RUNS');
  const path = process.env.FUZZ_PATH;
  return {
    numRuns: runs ?? ciRuns,
    seed: envNumber('FUZZ_SEED') ?? CI_SEED,
    ...(path ? { path } : {}),
    // Shrinking a slow case can take longer than finding it; keep the report prompt.
    endOnFailure: runs !== undefined && runs > ciRuns,
  };
}

/** The Vitest timeout for a property of `ciRuns` cases, each allowed `perCaseMs`. */
export function fuzzTimeout(ciRuns: number, perCaseMs: number): number {
  return Math.max(60_000, (envNumber('FUZZ_RUNS') ?? ciRuns) * perCaseMs * 2);
}
