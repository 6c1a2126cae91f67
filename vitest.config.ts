import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { modulePathPlugin } from './tests/support/module-path-plugin';

// better-sqlite3 13 is built for Node 24's ABI; on the system Node 20 its workers crash.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  throw new Error(
    `Tests need Node 24, found ${process.version}: run them through npm ("npm test", "npm run test:unit"), which puts the project's Node 24 first on PATH.`,
  );
}

const root = import.meta.dirname;

/**
 * Two projects: `node` (common, services, db, integration: real SQLite files, real
 * libsodium, real zips, workers bundled as the app bundles them) and `component` (the
 * renderer's components in jsdom with Testing Library).
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [modulePathPlugin(root)],
        test: {
          name: 'node',
          root,
          include: [
            'common/**/*.test.ts',
            'main/**/*.test.ts',
            'db/**/*.test.ts',
            'tests/integration/**/*.test.ts',
            // The seeded CI share of the fuzzing (npm run fuzz runs more).
            'tests/fuzz/**/*.test.ts',
            'tests/offline/**/*.test.ts',
          ],
          environment: 'node',
          // Lint probes and the CLI binary test spawn real processes; give them room on 2 cores.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'component',
          root,
          include: ['renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: [path.join(root, 'tests/support/component-setup.ts')],
        },
      },
    ],
  },
});
