/**
 * `npm start`: runs the built app in a provisioned Electron. Arguments after `--` go to
 * the app, e.g. `npm start -- --data /srv/desk`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { findElectronBinary } from './electron-binary.ts';

const electron = findElectronBinary();
if (!electron.found) {
  process.stderr.write(`npm start: ${electron.reason}\n`);
  process.exit(1);
}
const repo = path.resolve(import.meta.dirname, '..');
const child = spawn(electron.path, [repo, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
