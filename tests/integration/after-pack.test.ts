/**
 * The packaged app's start script, made by electron-builder's afterPack hook, tested on a
 * fake appOutDir: a stand-in "Electron" executable that reports the core file size limit
 * it was started with. No Electron binary exists here; the hook's own code runs as is.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AfterPackContext } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import afterPack, { ELECTRON_SUFFIX, FUSES } from '../../build/after-pack';
import { useTempDirs } from '../support/temp-dir';

const NAME = 'designation-desk';
const FAKE_ELECTRON = '#!/bin/sh\necho "core $(ulimit -S -c)"\nprintf "arg %s\\n" "$@"\n';

describe('afterPack: the core-dump launcher', () => {
  const tempDir = useTempDirs();

  async function pack() {
    const appOutDir = path.join(tempDir(), 'linux-unpacked');
    fs.mkdirSync(appOutDir);
    fs.writeFileSync(path.join(appOutDir, NAME), FAKE_ELECTRON, { mode: 0o755 });
    const fused: { file: string; content: string; fuses: unknown }[] = [];
    const context = {
      appOutDir,
      electronPlatformName: 'linux',
      packager: {
        executableName: NAME,
        // Records what would be flipped: the real @electron/fuses needs a real Electron.
        addElectronFuses: (ctx: { appOutDir: string }, fuses: unknown) => {
          const file = path.join(ctx.appOutDir, NAME);
          fused.push({ file, content: fs.readFileSync(file, 'utf8'), fuses });
          return Promise.resolve(0);
        },
      },
    } as unknown as AfterPackContext;
    await afterPack(context);
    return { appOutDir, fused };
  }

  it('flips the fuses on the real executable before the launcher takes its name', async () => {
    const { fused } = await pack();
    expect(fused).toHaveLength(1);
    expect(fused[0]?.content).toBe(FAKE_ELECTRON);
    expect(fused[0]?.fuses).toEqual(FUSES);
    expect(FUSES).toMatchObject({ 0: false, 2: false, 3: false, 4: true, 5: true });
  });

  it('starts the app with a soft core limit of 0 from a shell that allows core dumps, arguments intact', async () => {
    const { appOutDir } = await pack();
    expect(fs.readFileSync(path.join(appOutDir, `${NAME}${ELECTRON_SUFFIX}`), 'utf8')).toBe(
      FAKE_ELECTRON,
    );
    // As the .deb installs it: a symlink on PATH to the launcher.
    const bin = path.join(tempDir(), 'usr-bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(path.join(appOutDir, NAME), path.join(bin, NAME));
    for (const start of [path.join(appOutDir, NAME), path.join(bin, NAME)]) {
      const run = spawnSync(
        'bash',
        ['-c', 'ulimit -S -c unlimited; "$@"', 'bash', start, '--no-proxy-server', 'a b', ''],
        { encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('core 0\narg --no-proxy-server\narg a b\narg \n');
    }
  });

  it('refuses a platform it does not package for', async () => {
    await expect(
      afterPack({ electronPlatformName: 'darwin' } as unknown as AfterPackContext),
    ).rejects.toThrow(/Linux only/);
  });
});
