/**
 * `npm run bench`: the benchmarks run through Vitest only because the app's modules use
 * Vite features (`?raw` migrations, `?modulePath` workers) that plain Node cannot load.
 * Each bench is a single test that measures once and writes its section of
 * bench/results.json (tests/bench/results.ts); nothing here asserts a time.
 * Not part of `npm test` (vitest.config.ts does not include tests/bench).
 */
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { modulePathPlugin } from '../support/module-path-plugin';

// better-sqlite3 13 is built for Node 24's ABI (see vitest.config.ts).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  throw new Error(
    `The benchmark needs Node 24, found ${process.version}: run it as "npm run bench", which puts the project's Node 24 first on PATH.`,
  );
}

const root = path.resolve(import.meta.dirname, '../..');

export default defineConfig({
  root,
  plugins: [modulePathPlugin(root)],
  test: {
    include: ['tests/bench/*.bench.ts'],
    environment: 'node',
    fileParallelism: false,
    // Figures and progress go straight to the terminal.
    disableConsoleIntercept: true,
    // Generating and importing a 200 MB bundle takes minutes on 2 cores; this is no budget.
    testTimeout: 60 * 60_000,
    hookTimeout: 60 * 60_000,
  },
});
