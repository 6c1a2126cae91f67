/**
 * The zip ambiguities of issue 8 §2 on a real signed bundle, through `desk import`: each
 * variant keeps every signed byte (so the signature still verifies) and changes only
 * what some zip tools would read. The desk refuses each with one sentence and changes
 * nothing but the rejection's audit event.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEntries } from '../support/bundle-surgery';
import { copyDataDir, dataDirState, expectAsAfterRejection } from '../support/data-dir';
import { desk } from '../support/desk-cli';
import { makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { rawZip, type RawEntry } from '../support/raw-zip';
import { useTempDirs } from '../support/temp-dir';
import { streamingEntries } from '../support/zip-entries';

describe('importing a signed bundle that other zip tools read differently', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let signed: RawEntry[];

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-zip-import-'));
    station = await makeWorkstation(work);
    const valid = await makeBundle(path.join(work, 'valid.evbundle'), station.lab.unlocked);
    signed = [...(await readEntries(valid))].map(([name, data]) => ({ name, data }));
  });

  const importRefused = async (bytes: Buffer, reason: string) => {
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const file = path.join(tempDir(), 'b.evbundle');
    fs.writeFileSync(file, bytes);
    const before = dataDirState(dataDir);
    const result = await desk('import', '--data', dataDir, file);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `desk: Bundle "b.evbundle" was rejected: The file is unsafe or unreadable: ${reason}. Nothing was imported.\n`,
    );
    expectAsAfterRejection(before, dataDir, reason);
  };

  it('the signed entries rebuilt as they are still import (the variants below change nothing else)', async () => {
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const file = path.join(tempDir(), 'b.evbundle');
    fs.writeFileSync(file, rawZip(signed));
    const result = await desk('import', '--data', dataDir, file);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('an unsigned entry appended that no directory lists (a streaming extractor writes it)', async () => {
    const smuggled: RawEntry = { name: 'logs/smuggled.eval', data: Buffer.from('unsigned') };
    const bytes = rawZip(signed, { unlisted: [smuggled] });
    expect(streamingEntries(bytes).map((e) => e.name)).toContain('logs/smuggled.eval');
    const at = bytes.indexOf('logs/smuggled.eval') - 30; // its local header
    await importRefused(
      bytes,
      `it holds a local entry "logs/smuggled.eval" at offset ${at} that its central directory does not list (other tools would extract it)`,
    );
  });

  it('a signed entry whose local header is named "../../.bashrc"', async () => {
    const [first, ...rest] = signed;
    if (first === undefined) throw new Error('the bundle has no entries');
    await importRefused(
      rawZip([{ ...first, localName: '../../.bashrc' }, ...rest]),
      `entry "${String(first.name)}" is called "../../.bashrc" in its local header (streaming extractors use that name)`,
    );
  });

  it('a shell script prepended, offsets shifted to match', async () => {
    const [first] = signed;
    await importRefused(
      rawZip(signed, { prefix: Buffer.from('#!/bin/sh\n') }),
      `its first entry "${String(first?.name)}" starts at offset 10: the bytes before it belong to no entry (data prepended to the archive)`,
    );
  });
});
