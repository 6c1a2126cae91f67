/**
 * Test data shared between projects lives in `../shared/fixtures/` beside the repository
 * (real Inspect logs, DSSE and Merkle test vectors). A test that needs it must fail, not
 * skip, when it is missing: a silently skipped vector test is a passing build that checks
 * nothing.
 */
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const fixturesRoot = path.resolve(repoRoot, '../shared/fixtures');

/** Absolute path of `relativePath` inside ../shared/fixtures; throws if it is not there. */
export function sharedFixture(relativePath: string): string {
  if (!fs.existsSync(fixturesRoot)) {
    throw new Error(
      `../shared/fixtures is missing: clone the project next to shared/ (CI has it). Looked in ${fixturesRoot}.`,
    );
  }
  const file = path.resolve(fixturesRoot, relativePath);
  if (!fs.existsSync(file)) {
    throw new Error(`The shared fixture ${relativePath} is missing from ${fixturesRoot}.`);
  }
  return file;
}
