/**
 * `desk import` as the real binary, interrupted from outside: Ctrl-C (SIGINT) cancels and
 * leaves what a rejection leaves; a second Ctrl-C stops at once and the next open cleans
 * up; and an import paused mid-way (SIGSTOP) makes another import of the same bundle be
 * refused without changing anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/workspace';
import {
  copyDataDir,
  dataDirState,
  expectAsAfterRejection,
  pendingRows,
} from '../support/data-dir';
import { requireBuiltCli, spawnDeskImport, stopped } from '../support/desk-process';
import { makeWorkstation, type TestWorkstation } from '../support/lab';
import { makeManySamplesBundle } from '../support/synthetic-logs';
import { useTempDirs } from '../support/temp-dir';

describe('desk import, interrupted', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let bundle: string;

  beforeAll(async () => {
    requireBuiltCli();
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-signals-'));
    station = await makeWorkstation(work);
    bundle = await makeManySamplesBundle(work, station.lab.unlocked);
  });

  const freshStation = () => copyDataDir(station.dataDir, tempDir());

  it('Ctrl-C while reading the logs cancels: exit 130, what it did, and the data dir as after a rejection', async () => {
    const dataDir = freshStation();
    const before = dataDirState(dataDir);
    let interrupted = false;
    const { exited } = spawnDeskImport(dataDir, bundle, (progress, child) => {
      if (interrupted || progress.phase !== 'reading logs') return;
      interrupted = true;
      child.kill('SIGINT');
    });
    const result = await exited;
    expect(interrupted).toBe(true);
    expect(result.code).toBe(130);
    expect(result.stderr).toBe(
      'desk: cancelling the import (Ctrl-C again to stop at once)…\n' +
        'desk: The import of "samples.evbundle" was cancelled; nothing was imported and nothing was left behind.\n',
    );
    expectAsAfterRejection(before, dataDir, 'the import was cancelled');
  });

  it('a second Ctrl-C stops at once; the next open removes what the import left', async () => {
    const dataDir = freshStation();
    const before = dataDirState(dataDir);
    let interrupts = 0;
    const { exited } = spawnDeskImport(
      dataDir,
      bundle,
      (progress, child) => {
        if (
          interrupts > 0 ||
          progress.phase !== 'reading logs' ||
          progress.done < progress.total / 2
        )
          return;
        interrupts = 1;
        child.kill('SIGINT');
      },
      // The second once desk has taken the first (signals sent together may merge into one).
      (line, child) => {
        if (interrupts !== 1 || !line.startsWith('desk: cancelling')) return;
        interrupts = 2;
        child.kill('SIGINT');
      },
    );
    const result = await exited;
    expect(interrupts).toBe(2);
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/stopped at once; the next "desk" command cleans up\.\n$/);
    // Stopped mid-way: the rows it had written are still there, invisible.
    expect(pendingRows(dataDir).bundles).toBe(1);

    openWorkspace({ dataDir }).close();
    const after = dataDirState(dataDir);
    expect(after.tables).toEqual(before.tables);
    expect(after.evidence).toEqual(before.evidence);
    expect(after.staging).toEqual([]);
  });

  it('a bundle whose import is still running elsewhere is refused, and nothing changes', async () => {
    const dataDir = freshStation();
    let paused = false;
    let resumed!: () => void;
    const refusalDone = new Promise<void>((resolve) => {
      resumed = resolve;
    });
    const { child, exited } = spawnDeskImport(dataDir, bundle, (progress, importer) => {
      // Once a log's rows are written, its bundle row exists, still importing.
      if (paused || progress.phase !== 'reading logs' || progress.done < 1) return;
      paused = true;
      importer.kill('SIGSTOP');
      resumed();
    });
    await refusalDone;
    try {
      await stopped(child);
      const before = dataDirState(dataDir);
      // Opening does not take the paused import for a crashed one.
      const workspace = openWorkspace({ dataDir });
      try {
        expect(await workspace.services.bundles.importBundle(bundle)).toMatchObject({
          status: 'refused',
          message:
            'Bundle "samples.evbundle" is already being imported (in this window or by another desk command); nothing was changed.',
        });
      } finally {
        workspace.close();
      }
      const after = dataDirState(dataDir);
      expect(after.tables).toEqual(before.tables);
      expect(after.auditCount).toBe(before.auditCount);
    } finally {
      child.kill('SIGCONT');
    }
    const result = await exited;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Bundle "samples\.evbundle" imported/);
    const workspace = openWorkspace({ dataDir });
    try {
      expect(workspace.services.bundles.list()).toHaveLength(1);
    } finally {
      workspace.close();
    }
  });
});
