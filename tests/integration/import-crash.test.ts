/**
 * An import killed part-way (SIGKILL, no chance to clean up) leaves no visible rows and,
 * once the workstation is opened again, no rows and no partial files. The importer is the
 * real `desk` binary in a child process; the kill lands while it streams evidence into
 * staging, while it reads the logs and writes their rows under a bundle still importing,
 * or while it moves the evidence into the store.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../common/bundles';
import { openWorkspace } from '../../main/workspace';
import { copyDataDir } from '../support/data-dir';
import { requireBuiltCli, spawnDeskImport } from '../support/desk-process';
import { dumpDatabase, makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { makeManySamplesBundle } from '../support/synthetic-logs';
import { snapshotTree, useTempDirs } from '../support/temp-dir';

/** Runs `desk import --progress` and SIGKILLs it once `when` matches a progress line. */
async function importAndKill(
  dataDir: string,
  bundle: string,
  when: (p: ImportProgress) => boolean,
): Promise<{ killed: boolean }> {
  let killed = false;
  const { exited } = spawnDeskImport(dataDir, bundle, (progress, child) => {
    if (killed || !when(progress)) return;
    killed = true;
    child.kill('SIGKILL');
  });
  await exited;
  return { killed };
}

describe('an import killed midway', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let bundle: string;
  let manySamples: string;

  beforeAll(async () => {
    requireBuiltCli();
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-crash-'));
    station = await makeWorkstation(work);
    // Incompressible evidence makes the digest phase long enough to be interrupted in.
    const attachment = path.join(work, 'packet-capture.bin');
    fs.writeFileSync(attachment, crypto.randomBytes(96 * 1024 * 1024));
    bundle = await makeBundle(path.join(work, 'large.evbundle'), station.lab.unlocked, {
      attachments: [attachment],
    });
    manySamples = await makeManySamplesBundle(work, station.lab.unlocked);
  });

  const freshStation = () => copyDataDir(station.dataDir, tempDir());

  it.each([
    [
      'a quarter through the digests',
      (p: ImportProgress) => p.phase === 'checking digests' && p.done > p.total / 4,
    ],
    [
      'three quarters through the digests',
      (p: ImportProgress) => p.phase === 'checking digests' && p.done > (p.total * 3) / 4,
    ],
  ])('killed %s: no rows, and no files once reopened', async (_when, when) => {
    const dataDir = freshStation();
    const before = dumpDatabase(dataDir);
    const { killed } = await importAndKill(dataDir, bundle, when);
    expect(killed, 'the kill must land before the import finished').toBe(true);

    expect(dumpDatabase(dataDir)).toEqual(before);
    expectRecovered(dataDir, before);
  });

  it.each<[string, () => string, (p: ImportProgress) => boolean, boolean]>([
    [
      'while reading the logs and writing their rows',
      () => manySamples,
      (p) => p.phase === 'reading logs' && p.done >= p.total / 2,
      false,
    ],
    [
      'while moving the evidence into the store',
      () => bundle,
      (p) => p.phase === 'committing' && p.done >= 1,
      true,
    ],
  ])(
    'killed %s: the rows stay invisible, and reopening removes them and the files',
    async (_when, which, when, adopted) => {
      const dataDir = freshStation();
      const before = dumpDatabase(dataDir);
      const { killed } = await importAndKill(dataDir, which(), when);
      expect(killed, 'the kill must land before the import finished').toBe(true);

      // Rows were written under a bundle that never completed (and files moved into the store).
      const after = dumpDatabase(dataDir);
      expect(after.auditCount).toBe(before.auditCount);
      expect(after.tables.bundle).toEqual([expect.objectContaining({ import_state: 'importing' })]);
      expect(after.tables.sample?.length).toBeGreaterThan(0);
      expect(storeFiles(dataDir).length > 0).toBe(adopted);
      expectRecovered(dataDir, before);
    },
  );

  function storeFiles(dataDir: string): string[] {
    return [...snapshotTree(path.join(dataDir, 'evidence')).keys()].filter((k) => !k.endsWith('/'));
  }

  function expectRecovered(dataDir: string, before: ReturnType<typeof dumpDatabase>): void {
    // The killed importer left its staging behind: there is something to recover from.
    expect(fs.readdirSync(path.join(dataDir, 'staging')).length).toBeGreaterThan(0);

    // Opening the workstation runs recovery: importing rows, staging and unreferenced evidence go.
    openWorkspace({ dataDir }).close();
    expect(fs.readdirSync(path.join(dataDir, 'staging'))).toEqual([]);
    expect(storeFiles(dataDir)).toEqual([]);
    expect(dumpDatabase(dataDir)).toEqual(before);
  }
});
