/**
 * Builds the browser-test bridge: the real composition root and router, bundled by the
 * same toolchain as the app (so `?raw` migrations and JSON imports resolve alike), for
 * the Playwright harness to load under Node. Test-only: never packaged.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '../../..');

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: resolve(import.meta.dirname, 'index.ts'),
    outDir: resolve(root, 'out/e2e-bridge'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'node24',
    rollupOptions: { output: { entryFileNames: 'bridge.js', format: 'es' } },
  },
});
