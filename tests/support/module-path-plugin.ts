/**
 * `?modulePath` for Vitest. In the app's build, electron-vite resolves
 * `import file from './x.worker?modulePath'` by bundling x.worker.ts as its own entry and
 * giving the built file's path (electron-vite docs, "Worker Threads"). Tests run the
 * sources, so this plugin does the same: it bundles the entry once per test run with Vite
 * (dependencies left to node_modules, as in the app's main build) and answers its path.
 * Workers therefore run bundled code in tests too, never a TypeScript loader.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { build, type Plugin } from 'vite';

const SUFFIX = '?modulePath';
const PREFIX = '\0desk-module-path:';

export function modulePathPlugin(root: string): Plugin {
  const built = new Map<string, Promise<string>>();
  return {
    name: 'desk:module-path-for-tests',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(SUFFIX)) return null;
      const resolved = await this.resolve(source.slice(0, -SUFFIX.length), importer, {
        skipSelf: true,
      });
      return resolved === null ? null : `${PREFIX}${resolved.id}`;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const entry = id.slice(PREFIX.length);
      let file = built.get(entry);
      if (file === undefined) {
        file = bundle(root, entry);
        built.set(entry, file);
      }
      return `export default ${JSON.stringify(await file)};`;
    },
  };
}

async function bundle(root: string, entry: string): Promise<string> {
  const name = path.basename(entry).replace(/\.ts$/, '');
  const tag = createHash('sha256').update(entry).digest('hex').slice(0, 12);
  // Inside the repository, so the bundle's bare imports resolve from node_modules.
  const outDir = path.join(root, 'node_modules/.cache/desk-test-workers', `${name}-${tag}`);
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      target: 'node24',
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: `${name}.js` } },
    },
  });
  return path.join(outDir, `${name}.js`);
}
