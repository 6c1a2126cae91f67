import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { createEvidenceStore, sha256OfFile } from '.';

describe('evidence store', () => {
  const tempDir = useTempDirs();

  function setUp() {
    const dataDir = tempDir();
    const store = createEvidenceStore(dataDir, path.join(dataDir, 'evidence'));
    const staging = store.stage();
    const file = staging.file('logs/run.eval');
    const bytes = Buffer.from('evidence bytes');
    fs.writeFileSync(file, bytes);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    return { dataDir, store, staging, file, sha256 };
  }

  it('adopts a staged file under its digest, read-only', async () => {
    const { store, file, sha256 } = setUp();
    store.adopt(file, sha256);
    expect(fs.existsSync(store.pathOf(sha256))).toBe(true);
    expect(await sha256OfFile(store.pathOf(sha256))).toBe(sha256);
    expect(fs.statSync(store.pathOf(sha256)).mode & 0o777).toBe(0o400);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('recovers from a crash between adopting files and completing the import', () => {
    const { dataDir, store, file, sha256 } = setUp();
    store.adopt(file, sha256);
    // The process died here: nothing that references `sha256` was completed.
    const reopened = createEvidenceStore(dataDir, path.join(dataDir, 'evidence'));
    expect(reopened.clearStaging()).toEqual({ liveImports: 0 });
    expect(reopened.collect(() => false)).toBe(1);
    expect(fs.existsSync(store.pathOf(sha256))).toBe(false);
    expect(fs.readdirSync(path.join(dataDir, 'staging'))).toEqual([]);
  });

  it('keeps referenced evidence and the staging of a live import', () => {
    const { dataDir, store, file, sha256 } = setUp();
    store.adopt(file, sha256);
    const live = path.join(dataDir, 'staging', `import-${process.ppid}-abc`);
    fs.mkdirSync(live);
    expect(store.clearStaging()).toEqual({ liveImports: 1 });
    expect(store.collect((digest) => digest === sha256)).toBe(0);
    expect(fs.existsSync(store.pathOf(sha256))).toBe(true);
    expect(fs.existsSync(live)).toBe(true);
  });

  it('opens a staging area made by stage(), and nothing else', () => {
    const { dataDir, store, staging } = setUp();
    const again = store.stagingAt(staging.dir);
    fs.writeFileSync(again.file('logs/more.eval'), 'x');
    expect(fs.readdirSync(staging.dir)).toHaveLength(2);
    expect(() => store.stagingAt(path.join(dataDir, 'evidence'))).toThrow(/not a staging folder/);
  });

  it('reports hashing progress up to the file size', async () => {
    const { file, sha256 } = setUp();
    const seen: [number, number][] = [];
    expect(
      await sha256OfFile(file, { onProgress: (done, total) => seen.push([done, total]) }),
    ).toBe(sha256);
    expect(seen.at(-1)).toEqual([14, 14]);
  });

  it('refuses a path that is not a digest', () => {
    const { store } = setUp();
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/Not a SHA-256 digest/);
  });
});
