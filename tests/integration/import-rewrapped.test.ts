/**
 * A bundle is one signed statement, however the file around it is made: the same statement
 * re-wrapped (a zip comment added, entries reordered, signed again by another lab key) has
 * another file digest but is "already imported as bundle N", including a bundle imported
 * before statement digests were kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { signEnvelope, type Envelope, type UnlockedKey } from '../../main/crypto';
import { openWorkspace } from '../../main/workspace';
import { ENVELOPE, readEntries, writeEntries } from '../support/bundle-surgery';
import { copyDataDir, dataDirState } from '../support/data-dir';
import { makeBundle, makeKey, makeWorkstation, type TestWorkstation } from '../support/lab';
import { useTempDirs } from '../support/temp-dir';

/** `bundle` rewritten: entries in reverse order, signed by `signer` alone, with a zip comment. */
async function rewrapped(bundle: string, out: string, signer: UnlockedKey): Promise<string> {
  const entries = await readEntries(bundle);
  const envelope = JSON.parse((entries.get(ENVELOPE) ?? Buffer.alloc(0)).toString()) as Envelope;
  // The very same payload bytes, signed again.
  const payload = Buffer.from(envelope.payload, 'base64');
  entries.set(
    ENVELOPE,
    Buffer.from(JSON.stringify(signEnvelope(envelope.payloadType, payload, [signer]))),
  );
  writeEntries(out, [...entries].reverse());
  const comment = Buffer.from('re-wrapped by a hostile lab');
  const bytes = fs.readFileSync(out);
  bytes.writeUInt16LE(comment.length, bytes.length - 2);
  fs.writeFileSync(out, Buffer.concat([bytes, comment]));
  return out;
}

describe('the same signed statement in another file', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let bundle: string;
  let copy: string;

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-rewrap-'));
    station = await makeWorkstation(work);
    // A second trusted lab, whose key signs the re-wrapped copy.
    const other = await makeKey(work, 'other-lab');
    const workspace = station.open();
    try {
      const { trust } = workspace.services;
      trust.signAndInstall(trust.propose({ add: { key: other.unlocked, roles: ['lab'] } }), [
        station.root.unlocked,
      ]);
    } finally {
      workspace.close();
    }
    bundle = await makeBundle(path.join(work, 'cyber.evbundle'), station.lab.unlocked);
    copy = await rewrapped(bundle, path.join(work, 'copy.evbundle'), other.unlocked);
  });

  it('is another file that verifies on its own', async () => {
    expect(fs.readFileSync(copy).equals(fs.readFileSync(bundle))).toBe(false);
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const workspace = openWorkspace({ dataDir });
    try {
      expect(await workspace.services.bundles.verify(copy)).toMatchObject({ ok: true });
    } finally {
      workspace.close();
    }
  });

  it('is "already imported as bundle N", and nothing changes', async () => {
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const workspace = openWorkspace({ dataDir });
    try {
      const first = await workspace.services.bundles.importBundle(bundle);
      expect(first.status).toBe('imported');
      const before = dataDirState(dataDir);
      const again = await workspace.services.bundles.importBundle(copy);
      expect(again).toMatchObject({
        status: 'already-imported',
        message: `Bundle "copy.evbundle" was already imported as bundle ${first.status === 'imported' ? first.bundleId : -1}; nothing was changed.`,
      });
      const after = dataDirState(dataDir);
      expect(after.tables).toEqual(before.tables);
      expect(after.evidence).toEqual(before.evidence);
      expect(after.staging).toEqual([]);
    } finally {
      workspace.close();
    }
  });

  it('imported at the same time as the original: one imports, the other is told', async () => {
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const workspace = openWorkspace({ dataDir });
    try {
      const { bundles } = workspace.services;
      const outcomes = await Promise.all([
        bundles.importBundle(bundle),
        bundles.importBundle(copy),
      ]);
      expect(outcomes.filter((o) => o.status === 'imported')).toHaveLength(1);
      expect(outcomes.find((o) => o.status !== 'imported')?.message).toMatch(
        /(is already being imported \(in this window or by another desk command\)|was already imported as bundle \d+); nothing was changed\.$/,
      );
      expect(bundles.list()).toHaveLength(1);
    } finally {
      workspace.close();
    }
  });

  it('a bundle imported before statement digests were kept is recognised once the workstation opens', async () => {
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const first = openWorkspace({ dataDir });
    try {
      expect((await first.services.bundles.importBundle(bundle)).status).toBe('imported');
    } finally {
      first.close();
    }
    // As migration 0007 leaves a bundle imported before it.
    const raw = new Database(path.join(dataDir, 'desk.sqlite3'));
    raw.prepare(`UPDATE bundle SET statement_digest = NULL`).run();
    raw.close();
    const workspace = openWorkspace({ dataDir });
    try {
      expect(await workspace.services.bundles.importBundle(copy)).toMatchObject({
        status: 'already-imported',
      });
    } finally {
      workspace.close();
    }
  });
});
