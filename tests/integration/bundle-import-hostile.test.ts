/**
 * Signed bundles of hostile logs (tests/support/hostile-logs.ts): each is refused with one
 * sentence naming the limit, quickly and before the reader builds what it would cost,
 * leaving what any rejection leaves. The importer runs with its real worker and limits; a
 * crash of the worker or the process would fail these tests, not pass them.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUNDLE_LIMITS } from '../../main/inspect';
import { openWorkspace } from '../../main/workspace';
import { readEntries, ENVELOPE } from '../support/bundle-surgery';
import { copyDataDir, dataDirState, expectAsAfterRejection } from '../support/data-dir';
import { signedBundleOf } from '../support/hostile-bundles';
import {
  deepLog,
  manyValuesLog,
  objectBombLog,
  repeatedAttachmentLog,
} from '../support/hostile-logs';
import { makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { useTempDirs } from '../support/temp-dir';

const MiB = 1024 * 1024;

describe('hostile evidence', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let template: Buffer;
  let work: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-hostile-'));
    station = await makeWorkstation(work);
    const valid = await makeBundle(path.join(work, 'valid.evbundle'), station.lab.unlocked);
    template = (await readEntries(valid)).get(ENVELOPE) ?? Buffer.alloc(0);
  });

  const bundleOf = (name: string, log: Buffer, deflate = false) =>
    signedBundleOf(
      path.join(tempDir(), name),
      template,
      new Map([['logs/hostile.eval', log]]),
      station.lab.unlocked,
      { deflate },
    );

  async function importRejected(file: string, reason: RegExp): Promise<void> {
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const before = dataDirState(dataDir);
    const workspace = openWorkspace({ dataDir });
    try {
      const outcome = await workspace.services.bundles.importBundle(file);
      expect(outcome.status).toBe('rejected');
      expect(outcome.message).toMatch(
        new RegExp(
          `^Bundle "${path.basename(file).replace('.', '\\.')}" was rejected: Log "logs/hostile\\.eval" cannot be read as an Inspect log: .+\\. Nothing was imported\\.$`,
        ),
      );
      expect(outcome.message).toMatch(reason);
    } finally {
      workspace.close();
    }
    expectAsAfterRejection(before, dataDir, reason);
  }

  it('a 2.7 KB bundle whose one sample member inflates to 256 MiB of {},{},…: refused by its ratio', async () => {
    const file = bundleOf('objects.evbundle', await objectBombLog(), true);
    expect(fs.statSync(file).size).toBeLessThan(4 * 1024);
    await importRejected(file, /inflates \d+-fold, more than the 200-fold limit \(a zip bomb\?\)/);
  }, 60_000);

  it('a member of nine million values (an array of 2^27 would abort V8): refused before parsing', async () => {
    const file = bundleOf('zeros.evbundle', await manyValuesLog(9_000_000));
    await importRejected(
      file,
      /holds more than 8000000 JSON values, more than the reader can hold/,
    );
  }, 60_000);

  it('a member nested 100,000 deep: refused before parsing', async () => {
    const file = bundleOf('deep.evbundle', await deepLog(100_000));
    await importRejected(file, /nests arrays and objects more than 512 deep/);
  });

  it("one 1 MiB attachment referenced 480 times: imported, and the database grows by about the attachment's size", async () => {
    const file = bundleOf('repeat.evbundle', await repeatedAttachmentLog(MiB, 480));
    expect(fs.statSync(file).size).toBeLessThan(2 * MiB);
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const database = path.join(dataDir, 'desk.sqlite3');
    const workspace = openWorkspace({ dataDir });
    try {
      expect(await workspace.services.bundles.importBundle(file)).toMatchObject({
        status: 'imported',
      });
    } finally {
      workspace.close();
    }
    const db = new Database(database, { readonly: true });
    const stored = db
      .prepare<[], { input: number; transcript: number }>(
        `SELECT sum(length(s.input)) AS input, sum(length(t.transcript)) AS transcript
           FROM sample s JOIN transcript_fts t ON t.rowid = s.id`,
      )
      .get();
    db.close();
    // Once in the input and once in the transcript (480 references would be 480 MiB).
    expect(stored?.input).toBe(MiB);
    expect(stored?.transcript).toBeLessThan(MiB + 480 * 60);
    const files = ['desk.sqlite3', 'desk.sqlite3-wal'].map((f) => path.join(dataDir, f));
    const bytes = files
      .filter((f) => fs.existsSync(f))
      .reduce((n, f) => n + fs.statSync(f).size, 0);
    expect(bytes).toBeLessThan(32 * MiB);
  }, 60_000);

  it('a log larger than one log may be (1 GiB by default; 1 MiB here): refused from the directory, naming the log and the limit', async () => {
    expect(DEFAULT_BUNDLE_LIMITS.maxLogBytes).toBe(1024 * MiB);
    const log = await repeatedAttachmentLog(4 * MiB, 1);
    const file = signedBundleOf(
      path.join(tempDir(), 'large.evbundle'),
      template,
      new Map([['logs/large.eval', log]]),
      station.lab.unlocked,
    );
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const before = dataDirState(dataDir);
    const workspace = openWorkspace({
      dataDir,
      importWorker: { evidenceLimits: { maxLogBytes: MiB } },
    });
    try {
      const outcome = await workspace.services.bundles.importBundle(file);
      expect(outcome.message).toBe(
        `Bundle "large.evbundle" was rejected: Log "logs/large.eval" is ${log.length} bytes, more than the 1 MiB one log may be. Nothing was imported.`,
      );
      expect(log.length).toBeGreaterThan(MiB);
    } finally {
      workspace.close();
    }
    expectAsAfterRejection(before, dataDir, /more than the 1 MiB one log may be/);
  });

  it("a bundle past the budget of all its logs together: refused with the bundle's limit", async () => {
    const log = await repeatedAttachmentLog(MiB, 2);
    const file = signedBundleOf(
      path.join(tempDir(), 'many.evbundle'),
      template,
      new Map(Array.from({ length: 4 }, (_, i) => [`logs/hostile-${i}.eval`, log])),
      station.lab.unlocked,
    );
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const before = dataDirState(dataDir);
    const workspace = openWorkspace({
      dataDir,
      importWorker: {
        evidenceLimits: {
          maxInflatedBytes: 1024 * MiB,
          maxTextChars: 1024 * MiB,
          maxAttachmentChars: 3 * MiB,
        },
      },
    });
    try {
      const outcome = await workspace.services.bundles.importBundle(file);
      expect(outcome.message).toBe(
        `Bundle "many.evbundle" was rejected: Log "logs/hostile-3.eval" cannot be read as an Inspect log: The Inspect log "logs/hostile-3.eval" takes the attachments of the bundle's logs past ${3 * MiB} characters (the bundle's attachment limit). Nothing was imported.`,
      );
    } finally {
      workspace.close();
    }
    expectAsAfterRejection(before, dataDir, /the bundle's attachment limit/);
  }, 60_000);
});
