/**
 * electron-builder's afterPack hook (electron-builder.yml): flips the Electron fuses, then
 * puts a launcher in front of the executable so the packaged app starts with a core file
 * size limit of 0 (docs/security.md, "Core dumps"). Electron cannot lower its own limit
 * before its first allocation; a shell can, and `exec` keeps the process the same.
 *
 * The fuses are flipped here, not by electron-builder's `electronFuses`, because that
 * runs after this hook and would look for the fuse wire in the launcher script.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';

/** Reviewed in docs/security.md ("Packaged app is run as a plain Node or debugged into"). */
export const FUSES: FuseConfig = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The real Electron executable's name once the launcher has taken its place. */
export const ELECTRON_SUFFIX = '.electron';

export function launcherScript(executableName: string): string {
  return `#!/bin/sh
# Designation Desk launcher (build/after-pack.ts): no core dumps, then the app.
# The soft limit can always be lowered; if it could not be, the app would refuse to unlock.
ulimit -S -c 0 || { echo "Designation Desk: cannot set the core file size limit to 0." >&2; exit 1; }
here=$(dirname "$(readlink -f "$0")")
exec "$here/${executableName}${ELECTRON_SUFFIX}" "$@"
`;
}

/** Renames `appOutDir/executableName` and writes the launcher in its place. */
export function installLauncher(appOutDir: string, executableName: string): void {
  const executable = path.join(appOutDir, executableName);
  const electron = `${executable}${ELECTRON_SUFFIX}`;
  if (!fs.statSync(executable).isFile()) throw new Error(`${executable} is not a file`);
  fs.renameSync(executable, electron);
  fs.writeFileSync(executable, launcherScript(executableName), { mode: 0o755 });
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  if (context.electronPlatformName !== 'linux') {
    throw new Error('Designation Desk is packaged for Linux only (electron-builder.yml).');
  }
  const packager = context.packager as AfterPackContext['packager'] & {
    readonly executableName: string;
  };
  await packager.addElectronFuses(context, FUSES);
  installLauncher(context.appOutDir, packager.executableName);
}
