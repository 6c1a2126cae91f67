#!/usr/bin/env node
// The `desk` command. Runs the built CLI (npm run build) on the project's Node 24, in a
// process that cannot dump core (docs/security.md, "Core dumps").
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

/** The soft core file size limit is 0 (Linux only: elsewhere there is no /proc to read). */
function coreDumpsOff() {
  if (process.platform !== 'linux') return true;
  try {
    return /^Max core file size\s+0\s/m.test(readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    return false;
  }
}

// Node cannot set a resource limit itself: run this file again under a shell that has set
// the soft limit to 0 (any process may lower its own). The guard stops a loop should the
// shell fail to; the CLI then refuses to unlock anything and says why.
if (process.platform === 'linux' && !coreDumpsOff() && process.env.DESK_CORE_LIMIT_SET !== '1') {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(
    '/bin/sh',
    [
      '-c',
      'ulimit -S -c 0 && exec "$0" "$@"',
      process.execPath,
      ...process.execArgv,
      self,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, DESK_CORE_LIMIT_SET: '1' } },
  );
  // Ctrl-C reaches the child too (same process group); it decides what an interrupt means.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
} else {
  await import(pathToFileURL(cli).href);
}
