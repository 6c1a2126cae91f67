/**
 * An import killed part-way (SIGKILL, no chance to clean up) leaves no partial rows and,
 * once the workstation is opened again, no partial files. The importer is the real `desk`
 * binary in a child process; the kill lands while it is streaming evidence into staging.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/workspace';
import { dumpDatabase, makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { snapshotTree, useTempDirs } from '../support/temp-dir';

const repo = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(repo, 'bin/desk.mjs');

interface Progress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

/** Runs `desk import --progress` and SIGKILLs it once `when` matches a progress line. */
function importAndKill(
  dataDir: string,
  bundle: string,
  when: (p: Progress) => boolean,
): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [BIN, 'import', '--data', dataDir, '--progress', bundle],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let buffered = '';
    let killed = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (killed || !line.startsWith('{')) continue;
        if (when(JSON.parse(line) as Progress)) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('exit', () => {
      resolve({ killed });
    });
  });
}

describe('an import killed midway', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let bundle: string;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(repo, 'out/main/cli.js'))) {
      throw new Error(
        'out/main/cli.js is missing: run "npm run build" before this test (npm test does).',
      );
    }
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-crash-'));
    station = await makeWorkstation(work);
    // Incompressible evidence makes the digest phase long enough to be interrupted in.
    const attachment = path.join(work, 'packet-capture.bin');
    fs.writeFileSync(attachment, crypto.randomBytes(96 * 1024 * 1024));
    bundle = await makeBundle(path.join(work, 'large.evbundle'), station.lab.unlocked, {
      attachments: [attachment],
    });
  });

  function freshStation(): string {
    const dir = tempDir();
    fs.cpSync(station.dataDir, path.join(dir, 'data'), { recursive: true });
    return path.join(dir, 'data');
  }

  it.each([
    [
      'a quarter through the digests',
      (p: Progress) => p.phase === 'checking digests' && p.done > p.total / 4,
    ],
    [
      'three quarters through the digests',
      (p: Progress) => p.phase === 'checking digests' && p.done > (p.total * 3) / 4,
    ],
    ['while reading the logs', (p: Progress) => p.phase === 'reading logs' && p.done > 0],
  ])('killed %s: no rows, and no files once reopened', async (_when, when) => {
    const dataDir = freshStation();
    const before = dumpDatabase(dataDir);
    const { killed } = await importAndKill(dataDir, bundle, when);
    expect(killed, 'the kill must land before the import finished').toBe(true);

    const after = dumpDatabase(dataDir);
    expect(after).toEqual(before);
    // The killed importer left its staging behind: there is something to recover from.
    expect(fs.readdirSync(path.join(dataDir, 'staging')).length).toBeGreaterThan(0);

    // Opening the workstation runs recovery: staging and unreferenced evidence go.
    openWorkspace({ dataDir }).close();
    expect(fs.readdirSync(path.join(dataDir, 'staging'))).toEqual([]);
    expect(
      [...snapshotTree(path.join(dataDir, 'evidence')).keys()].filter((k) => !k.endsWith('/')),
    ).toEqual([]);
    expect(dumpDatabase(dataDir)).toEqual(before);
  });
});
