/**
 * The files the CLI is named (key files, passphrase files, documents) are opened as the
 * importer opens a bundle (main/user-files): only a regular file of a bounded size, so a
 * FIFO cannot hang the command, /dev/zero cannot fill its memory, and the path is echoed
 * without its control characters. Each refusal is one sentence and changes nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { desk } from '../support/desk-cli';
import { dumpDatabase, makeKey, makeWorkstation, type TestWorkstation } from '../support/lab';

describe.runIf(process.platform === 'linux')('files named on the command line', () => {
  let s: TestWorkstation;
  let work: string;
  let lab2: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-cli-files-'));
    s = await makeWorkstation(work);
    lab2 = (await makeKey(path.join(work, 'keys'), 'lab2')).publicFile;
  });

  const addLab = (key: string, passphraseFile = s.root.passphraseFile) =>
    desk(
      'roster',
      'add',
      '--data',
      s.dataDir,
      '--role',
      'lab',
      '--key',
      key,
      '--sign-with',
      s.root.secretFile,
      '--passphrase-file',
      passphraseFile,
    );

  it('refuses a FIFO, a device, a directory and an oversized file as a key file, changing nothing', async () => {
    const fifo = path.join(work, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const large = path.join(work, 'large.json');
    fs.writeFileSync(large, Buffer.alloc(16 * 1024 * 1024 + 1, 0x20));
    const before = dumpDatabase(s.dataDir);
    const cases: [string, string][] = [
      [fifo, 'is a named pipe (FIFO), not a regular file'],
      ['/dev/zero', 'is a device, not a regular file'],
      [work, 'is a directory, not a regular file'],
      [
        large,
        `is ${16 * 1024 * 1024 + 1} bytes, more than the ${16 * 1024 * 1024} such a file may be`,
      ],
    ];
    for (const [file, why] of cases) {
      const result = await addLab(file);
      expect(result.code, result.stderr).not.toBe(0);
      expect(result.stderr).toContain(
        `The public key file ${file} cannot be read: the file ${why}. Nothing was changed.`,
      );
    }
    expect(dumpDatabase(s.dataDir)).toEqual(before);
  });

  it('refuses /dev/zero and a FIFO as the passphrase file instead of reading them', async () => {
    const fifo = path.join(work, 'passphrase.fifo');
    execFileSync('mkfifo', [fifo]);
    const before = dumpDatabase(s.dataDir);
    for (const [file, why] of [
      ['/dev/zero', 'is a device, not a regular file'],
      [fifo, 'is a named pipe (FIFO), not a regular file'],
    ] as const) {
      const result = await addLab(lab2, file);
      expect(result.code, result.stderr).not.toBe(0);
      expect(result.stderr).toContain(
        `The passphrase file ${file} cannot be read: the file ${why}.`,
      );
    }
    expect(dumpDatabase(s.dataDir)).toEqual(before);
  });

  it('echoes a path with control characters escaped', async () => {
    const result = await addLab(path.join(work, 'evil\u001b[2J.json'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stderr).toContain(
      'evil\\u{001B}[2J.json cannot be read: the file does not exist.',
    );
  });
});
