/**
 * `npm run fuzz [-- --runs N] [--minutes M] [--seed S] [--path P] [--grep NAME]`: the fuzz
 * properties in tests/fuzz with N cases each (default: the CI share; at most M minutes each),
 * through Vitest. A failure prints
 * fast-check's seed and path; passing both back (with --grep naming the property) replays
 * exactly the failing case.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    seed: { type: 'string' },
    path: { type: 'string' },
    grep: { type: 'string' },
    minutes: { type: 'string' },
  },
  strict: true,
});
const env: NodeJS.ProcessEnv = { ...process.env };
if (values.runs !== undefined) env.FUZZ_RUNS = values.runs;
if (values.seed !== undefined) env.FUZZ_SEED = values.seed;
if (values.path !== undefined) env.FUZZ_PATH = values.path;
if (values.minutes !== undefined) env.FUZZ_MINUTES = values.minutes;

const repo = path.resolve(import.meta.dirname, '../..');
const vitest = path.join(repo, 'node_modules/vitest/vitest.mjs');
const args = [vitest, 'run', '--project', 'node', 'tests/fuzz'];
if (values.grep !== undefined) args.push('-t', values.grep);
const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: repo, env });
process.exit(result.status ?? 1);
