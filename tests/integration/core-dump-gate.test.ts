/**
 * Nothing is unlocked while this process could dump core (a core file would hold the key
 * and the passphrase), and the launchers make sure it cannot: `desk` through bin/desk.mjs
 * runs with a soft core file size limit of 0 even when started from a shell that allows
 * core dumps. The shells below raise the soft limit first (the hard limit allows it).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCoreLimit } from '../../main/core-dumps';
import { openWorkspace } from '../../main/workspace';
import { copyDataDir } from '../support/data-dir';
import { desk } from '../support/desk-cli';
import { expectDeskError } from '../support/desk-error';
import { dumpDatabase, makeWorkstation, type TestWorkstation } from '../support/lab';
import { FROM_APP, routerWithDialog } from '../support/router';
import { mountStalling } from '../support/stalling-mount';
import { useTempDirs } from '../support/temp-dir';

const repo = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(repo, 'bin/desk.mjs');
const CLI = path.join(repo, 'out/main/cli.js');
const REFUSAL =
  /^Unlocking is refused because this process could write a core dump, which would hold unlocked keys and passphrases: .+ To fix it, .*"ulimit -c 0".* Nothing was unlocked\.$/;
const POSSIBLE = {
  possible: true,
  why: 'its soft "Max core file size" limit is unlimited, not 0',
  fix: 'run "ulimit -c 0" in the shell that starts it',
} as const;

/** Runs `command` under bash with the soft core limit raised as far as the hard limit allows. */
function withCoreDumpsAllowed(...command: string[]) {
  return ['-c', 'ulimit -S -c unlimited || exit 99; exec "$@"', 'bash', ...command];
}

const hardLimitAllowsCores =
  parseCoreLimit(fs.readFileSync('/proc/self/limits', 'utf8'))?.hard !== 0;

describe('the unlock gate', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;

  beforeAll(async () => {
    station = await makeWorkstation(
      fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-core-')),
    );
    const added = await desk(
      'user',
      'add',
      '--data',
      station.dataDir,
      '--key',
      station.reviewer.secretFile,
    );
    expect(added.code).toBe(0);
  });

  it('refuses to unlock an identity, in the service and over IPC, and changes nothing', async () => {
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const before = dumpDatabase(dataDir);
    const workspace = openWorkspace({ dataDir, coreDumps: POSSIBLE });
    try {
      const passphrase = new TextEncoder().encode('reviewer passphrase');
      await expectDeskError(
        () => workspace.services.identities.unlock('reviewer', passphrase),
        'CORE_DUMPS_POSSIBLE',
        REFUSAL,
      );
      const dispatch = routerWithDialog(workspace, [], () => undefined);
      const result = await dispatch(
        'unlock',
        { keyid: station.reviewer.unlocked.keyid, passphrase: 'reviewer passphrase' },
        FROM_APP,
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'CORE_DUMPS_POSSIBLE' } });
      expect(result.ok ? '' : result.error.message).toMatch(REFUSAL);
      expect(workspace.services.identities.session()).toBeNull();
    } finally {
      workspace.close();
    }
    expect(dumpDatabase(dataDir)).toEqual(before);
  });

  it('unlocks as before when core dumps are off', async () => {
    const workspace = openWorkspace({
      dataDir: copyDataDir(station.dataDir, tempDir()),
      coreDumps: { possible: false },
    });
    try {
      const session = await workspace.services.identities.unlock(
        'reviewer',
        new TextEncoder().encode('reviewer passphrase'),
      );
      expect(session.name).toBe('reviewer');
    } finally {
      workspace.close();
    }
  });

  it.runIf(hardLimitAllowsCores)(
    'the CLI started without its launcher refuses, before asking for the passphrase',
    () => {
      const unlock = ['user', 'unlock', '--data', station.dataDir, '--user', 'reviewer'];
      const direct = spawnSync(
        'bash',
        withCoreDumpsAllowed(
          process.execPath,
          CLI,
          ...unlock,
          '--passphrase-file',
          station.reviewer.passphraseFile,
        ),
        { encoding: 'utf8' },
      );
      expect(direct.status).toBe(1);
      expect(direct.stderr.replace(/^desk: /, '').trim()).toMatch(REFUSAL);
      // Through bin/desk.mjs, the same shell's limit is lowered first, and the unlock works.
      const launched = spawnSync(
        'bash',
        withCoreDumpsAllowed(
          process.execPath,
          BIN,
          ...unlock,
          '--passphrase-file',
          station.reviewer.passphraseFile,
        ),
        { encoding: 'utf8' },
      );
      expect(launched.stderr).toBe('');
      expect(launched.status).toBe(0);
    },
  );

  it.runIf(hardLimitAllowsCores)(
    'bin/desk.mjs runs the CLI with a soft core limit of 0 (read from /proc/<pid>/limits)',
    async (context) => {
      // The CLI's read of its passphrase file hangs (a FUSE mount that never answers, since a
      // FIFO is refused before it is opened); meanwhile its limits are read.
      const share = path.join(tempDir(), 'share');
      fs.mkdirSync(share);
      const mount = await mountStalling(share, 20);
      if (typeof mount === 'string') {
        context.skip(`needs a FUSE mount: ${mount}`);
        return;
      }
      try {
        const child = spawn(
          'bash',
          withCoreDumpsAllowed(
            process.execPath,
            BIN,
            'user',
            'unlock',
            '--data',
            station.dataDir,
            '--user',
            'reviewer',
            '--passphrase-file',
            mount.stalled,
          ),
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
        let reader: string | undefined;
        await expect
          .poll(() => (reader = nodeProcessNaming(mount.stalled, child.pid)), {
            timeout: 20_000,
            interval: 50,
          })
          .toBeDefined();
        const limits = fs.readFileSync(`/proc/${reader}/limits`, 'utf8');
        // The launching shell allowed core dumps: the process that reads the passphrase does not.
        expect(parseCoreLimit(fs.readFileSync(`/proc/${child.pid}/limits`, 'utf8'))?.soft).not.toBe(
          0,
        );
        expect(parseCoreLimit(limits)?.soft).toBe(0);
        await mount.unmount();
        // The mount gone, the read fails and the CLI says so.
        expect(await exited).not.toBe(0);
      } finally {
        await mount.unmount();
      }
    },
    60_000,
  );
});

/** The pid of a Node process other than `launcher` whose command line names `file`. */
function nodeProcessNaming(file: string, launcher: number | undefined): string | undefined {
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === launcher) continue;
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (argv[0] === process.execPath && argv.includes(file)) return pid;
    } catch {
      // Gone, or another user's process.
    }
  }
  return undefined;
}
