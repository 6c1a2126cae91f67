/**
 * What the importer opens: only a regular file, checked before opening, so a FIFO, a
 * device or a directory named *.evbundle is refused at once and holds no I/O thread; the
 * file is read once, hashed while it is copied, so what is verified is what was hashed;
 * and a read that never answers (a hung mount, made here with FUSE) ends in a timeout.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { copySource } from '../../main/evidence';
import { FileProblem } from '../../main/user-files';
import { openWorkspace } from '../../main/workspace';
import { copyDataDir, dataDirState, expectAsAfterRejection } from '../support/data-dir';
import { makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { mountStalling, type StallingMount } from '../support/stalling-mount';
import { useTempDirs } from '../support/temp-dir';

describe.runIf(process.platform === 'linux')('the file an import reads', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let work: string;
  let bundle: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-source-'));
    station = await makeWorkstation(work);
    bundle = await makeBundle(path.join(work, 'cyber.evbundle'), station.lab.unlocked);
  });

  const fifo = (dir: string, name: string) => {
    const file = path.join(dir, name);
    execFileSync('mkfifo', [file]);
    return file;
  };

  it('refuses a FIFO, a directory, a device and a link to a device before opening them, each with a sentence', async () => {
    const dir = tempDir();
    const folder = path.join(dir, 'folder.evbundle');
    fs.mkdirSync(folder);
    const link = path.join(dir, 'zero.evbundle');
    fs.symlinkSync('/dev/zero', link);
    const files = [fifo(dir, 'pipe.evbundle'), folder, '/dev/zero', link];
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const before = dataDirState(dataDir);
    const workspace = openWorkspace({ dataDir });
    try {
      const outcomes = await workspace.services.bundles.importBundles(files);
      expect(outcomes.map((o) => o.message)).toEqual([
        'Bundle "pipe.evbundle" was rejected: the file is a named pipe (FIFO), not a regular file. Nothing was imported.',
        'Bundle "folder.evbundle" was rejected: the file is a directory, not a regular file. Nothing was imported.',
        'Bundle "zero" was rejected: the file is a device, not a regular file. Nothing was imported.',
        'Bundle "zero.evbundle" was rejected: the file is a device, not a regular file. Nothing was imported.',
      ]);
      expect(await workspace.services.bundles.verify(files[0] ?? '')).toEqual({
        ok: false,
        message:
          'Bundle "pipe.evbundle" does not verify: the file is a named pipe (FIFO), not a regular file.',
        checks: [],
      });
    } finally {
      workspace.close();
    }
    const after = dataDirState(dataDir);
    expect(after.tables).toEqual(before.tables);
    expect(after.evidence).toEqual(before.evidence);
    expect(after.staging).toEqual([]);
    expect(after.auditCount).toBe(before.auditCount + files.length);
  });

  it('five FIFOs in a row do not exhaust the I/O thread pool: the bundle after them imports', async () => {
    const dir = tempDir();
    const fifos = Array.from({ length: 5 }, (_, i) => fifo(dir, `pipe-${i}.evbundle`));
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const workspace = openWorkspace({ dataDir });
    try {
      const outcomes = await workspace.services.bundles.importBundles([...fifos, bundle]);
      expect(outcomes.map((o) => o.status)).toEqual([...fifos.map(() => 'rejected'), 'imported']);
    } finally {
      workspace.close();
    }
  });

  it('verifies what it hashed: the file replaced while it is being read changes nothing', async () => {
    // Large enough that the replacement lands while the file is still being read.
    const attachment = path.join(work, 'capture.bin');
    fs.writeFileSync(attachment, crypto.randomBytes(64 * 1024 * 1024));
    const dir = tempDir();
    const original = await makeBundle(path.join(dir, 'run.evbundle'), station.lab.unlocked, {
      attachments: [attachment],
    });
    const other = await makeBundle(path.join(dir, 'other.evbundle'), station.lab.unlocked, {
      suite: { name: 'cyber-core', version: '9.9' },
    });
    const digest = crypto.createHash('sha256').update(fs.readFileSync(original)).digest('hex');
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const workspace = openWorkspace({ dataDir });
    let replaced = false;
    try {
      const outcome = await workspace.services.bundles.importBundle(original, {
        onProgress: (p) => {
          if (p.phase !== 'hashing' || replaced) return;
          fs.renameSync(other, original);
          replaced = true;
        },
      });
      expect(replaced).toBe(true);
      expect(outcome).toMatchObject({ status: 'imported', digest });
      // The bundle imported is the one hashed, not the one at the path afterwards.
      expect(workspace.services.bundles.list()).toMatchObject([
        { digest, suite: { name: 'cyber-core', version: '1.0' } },
      ]);
    } finally {
      workspace.close();
    }
  }, 60_000);
});

describe.runIf(process.platform === 'linux')('a file on a mount that stops answering', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let bundle: string;
  let mount: StallingMount | string;

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-stalled-'));
    station = await makeWorkstation(work);
    bundle = await makeBundle(path.join(work, 'cyber.evbundle'), station.lab.unlocked);
    const at = path.join(work, 'share');
    fs.mkdirSync(at);
    mount = await mountStalling(at, 3 * 1024 * 1024);
  });

  afterAll(async () => {
    if (typeof mount !== 'string') await mount.unmount();
  });

  /** The mount, or the test skipped with the reason this machine cannot make one. */
  function share(context: TestContext): StallingMount {
    if (typeof mount === 'string') context.skip(`needs a FUSE mount: ${mount}`);
    if (typeof mount === 'string') throw new Error(mount);
    return mount;
  }

  it('a read that does not answer ends in the timeout, while one that answers copies in full', async (context) => {
    const { served, stalled } = share(context);
    const dir = tempDir();
    const copied = await copySource(served, path.join(dir, 'served'), { readTimeoutMs: 500 });
    const expected = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, 'served')));
    expect(copied).toEqual({ sha256: expected.digest('hex'), size: 3 * 1024 * 1024 });
    const error = await copySource(stalled, path.join(dir, 'stalled'), { readTimeoutMs: 500 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileProblem);
    expect((error as Error).message).toBe('could not be read within 0.5 seconds');
  });

  it('the import gives up after 30 seconds with a sentence, leaves nothing, and the next import works', async (context) => {
    const { stalled } = share(context);
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const before = dataDirState(dataDir);
    const workspace = openWorkspace({ dataDir });
    try {
      const outcome = await workspace.services.bundles.importBundle(stalled);
      expect(outcome.message).toBe(
        'Bundle "stalled.evbundle" was rejected: the file could not be read within 30 seconds. Nothing was imported.',
      );
      expectAsAfterRejection(before, dataDir, /could not be read within 30 seconds/);
      // The read still hangs in the kernel; it holds one I/O thread, not the importer.
      expect(await workspace.services.bundles.importBundle(bundle)).toMatchObject({
        status: 'imported',
      });
    } finally {
      workspace.close();
    }
  }, 90_000);
});
