import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { FileProblem } from '../user-files';
import { copySource } from '.';

describe('copySource', () => {
  const tempDir = useTempDirs();

  const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

  it('copies a regular file in one pass, read-only, with the digest of what it copied', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'b.evbundle');
    const bytes = crypto.randomBytes(3 * 1024 * 1024 + 17);
    fs.writeFileSync(source, bytes);
    const progress: [number, number][] = [];
    const copied = await copySource(source, path.join(dir, 'copy'), {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(copied).toEqual({ sha256: sha256(bytes), size: bytes.length });
    expect(fs.readFileSync(path.join(dir, 'copy')).equals(bytes)).toBe(true);
    expect(fs.statSync(path.join(dir, 'copy')).mode & 0o777).toBe(0o400);
    expect(progress.at(-1)).toEqual([bytes.length, bytes.length]);
  });

  it('copies only what the file held when it was opened, however it grows meanwhile', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'b.evbundle');
    const bytes = crypto.randomBytes(2 * 1024 * 1024);
    fs.writeFileSync(source, bytes);
    const copied = await copySource(source, path.join(dir, 'copy'), {
      onProgress: () => {
        fs.appendFileSync(source, crypto.randomBytes(1024 * 1024));
      },
    });
    expect(copied).toEqual({ sha256: sha256(bytes), size: bytes.length });
  });

  it('follows a symbolic link to a regular file', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'real'), 'bundle bytes');
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'link.evbundle'));
    const copied = await copySource(path.join(dir, 'link.evbundle'), path.join(dir, 'copy'));
    expect(copied.size).toBe(12);
  });

  const problemOf = async (source: string, copy: string): Promise<string> => {
    const error: unknown = await copySource(source, copy).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileProblem);
    // Refused before opening: nothing was written.
    expect(fs.existsSync(copy)).toBe(false);
    return (error as Error).message;
  };

  it.runIf(process.platform === 'linux')(
    'refuses a FIFO, a directory, a device and a link to a device before opening them',
    async () => {
      const dir = tempDir();
      const fifo = path.join(dir, 'fifo.evbundle');
      execFileSync('mkfifo', [fifo]);
      const folder = path.join(dir, 'folder.evbundle');
      fs.mkdirSync(folder);
      const link = path.join(dir, 'zero.evbundle');
      fs.symlinkSync('/dev/zero', link);
      const copy = path.join(dir, 'copy');
      expect(await problemOf(fifo, copy)).toBe('is a named pipe (FIFO), not a regular file');
      expect(await problemOf(folder, copy)).toBe('is a directory, not a regular file');
      expect(await problemOf('/dev/zero', copy)).toBe('is a device, not a regular file');
      expect(await problemOf(link, copy)).toBe('is a device, not a regular file');
      expect(await problemOf(path.join(dir, 'missing.evbundle'), copy)).toBe('does not exist');
    },
  );

  it.runIf(process.platform === 'linux')(
    'five FIFOs in a row hold no I/O thread: a regular file still copies after them',
    async () => {
      const dir = tempDir();
      const fifos = Array.from({ length: 5 }, (_, i) => path.join(dir, `${i}.evbundle`));
      for (const fifo of fifos) execFileSync('mkfifo', [fifo]);
      for (const fifo of fifos) await problemOf(fifo, path.join(dir, 'copy'));
      // libuv has four threads by default; a blocked open would hold one each.
      const reads = Array.from({ length: 8 }, async (_, i) => {
        const source = path.join(dir, `real-${i}`);
        fs.writeFileSync(source, `bundle ${i}`);
        return copySource(source, path.join(dir, `copy-${i}`));
      });
      expect((await Promise.all(reads)).map((c) => c.size)).toEqual(Array(8).fill(8));
    },
  );
});
