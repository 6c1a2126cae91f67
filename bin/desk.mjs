#!/usr/bin/env node
// The `desk` command. Runs the built CLI (npm run build) on the project's Node 24.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `desk: needs Node 24 or later, found ${process.version}; run it through npm ("npx desk" or "npm exec desk") so the project's Node 24 is used.\n`,
  );
  process.exit(2);
}
const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('desk: the CLI is not built yet; run "npm run build" first.\n');
  process.exit(2);
}
await import(pathToFileURL(cli).href);
