/**
 * Finds a provisioned Electron binary without ever downloading one.
 *
 * `require('electron')` would fetch a missing binary from the internet, so it is never
 * called here. We look, in order, at ELECTRON_OVERRIDE_DIST_PATH (the offline
 * provisioning route, docs/operations.md) and at node_modules/electron/dist as left by a
 * connected machine's `npx install-electron`.
 */
import fs from 'node:fs';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');

export type ElectronBinary =
  | { readonly found: true; readonly path: string }
  | { readonly found: false; readonly reason: string };

function executableIn(dist: string): string {
  switch (process.platform) {
    case 'darwin':
      return path.join(dist, 'Electron.app/Contents/MacOS/Electron');
    case 'win32':
      return path.join(dist, 'electron.exe');
    default:
      return path.join(dist, 'electron');
  }
}

export function findElectronBinary(): ElectronBinary {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = executableIn(override);
    return fs.existsSync(binary)
      ? { found: true, path: binary }
      : {
          found: false,
          reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${binary} does not exist.`,
        };
  }
  const installed = executableIn(path.join(repo, 'node_modules/electron/dist'));
  if (fs.existsSync(installed)) return { found: true, path: installed };
  return {
    found: false,
    reason:
      'No Electron binary is provisioned on this machine (none is downloaded, by design). Set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45 folder; see docs/operations.md.',
  };
}
