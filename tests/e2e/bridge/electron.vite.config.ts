/**
 * Builds the browser-test bridge: the real composition root and router, bundled by
 * electron-vite's own main build exactly as the app's main process is (so `?raw`
 * migrations, JSON imports and `?modulePath` workers resolve alike, the workers landing
 * next to bridge.js), for the Playwright harness to load under Node. Test-only: never
 * packaged. `npm run build` runs it after the app's build.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';

// import.meta.dirname is not this folder once electron-vite has bundled the config; the URL is.
const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../../..');

export default defineConfig({
  main: {
    root,
    logLevel: 'warn',
    build: {
      outDir: resolve(root, 'out/e2e-bridge'),
      emptyOutDir: true,
      externalizeDeps: true,
      sourcemap: true,
      rollupOptions: {
        input: { bridge: resolve(here, 'index.ts') },
        output: { entryFileNames: '[name].js' },
      },
    },
  },
});
