import { defineConfig } from 'vitest/config';

// better-sqlite3 13 is built for Node 24's ABI; on the system Node 20 its workers crash.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  throw new Error(
    `Tests need Node 24, found ${process.version}: run them through npm ("npm test", "npm run test:unit"), which puts the project's Node 24 first on PATH.`,
  );
}

export default defineConfig({
  test: {
    include: [
      'common/**/*.test.ts',
      'main/**/*.test.ts',
      'db/**/*.test.ts',
      'tests/integration/**/*.test.ts',
    ],
    environment: 'node',
    // Lint probes and the CLI binary test spawn real processes; give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
