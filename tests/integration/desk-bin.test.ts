/**
 * The installed `desk` command end to end: bin/desk.mjs running the built CLI in a
 * child process on the project's Node 24, exactly as `npx desk` does.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dir';

const repo = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(repo, 'bin/desk.mjs');

function desk(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('desk binary', () => {
  const tempDir = useTempDirs();

  beforeAll(() => {
    if (!fs.existsSync(path.join(repo, 'out/main/cli.js'))) {
      throw new Error(
        'out/main/cli.js is missing: run "npm run build" before this test (npm test does).',
      );
    }
  });

  it('initialises a data dir, refuses a second init, and lists its commands', () => {
    const dataDir = path.join(tempDir(), 'x');
    const first = desk('init', '--data', dataDir, '--classification', 'SECRET//NOFORN');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('SECRET//NOFORN');
    expect(fs.existsSync(path.join(dataDir, 'desk.sqlite3'))).toBe(true);

    const again = desk('init', '--data', dataDir, '--classification', 'SECRET//NOFORN');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `desk: ${dataDir} is already a Designation Desk workstation; nothing was changed.\n`,
    );

    const help = desk('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Commands:\n\s+init\s/);
  });

  it.each([
    ['--help', []],
    ['roster show', ['roster', 'show']],
  ])('writes "desk %s" into a pipe closed early and exits quietly', (_, command: string[]) => {
    const dataDir = path.join(tempDir(), 'x');
    desk('init', '--data', dataDir, '--classification', 'SECRET//NOFORN');
    const args = command.length > 0 ? [...command, '--data', dataDir] : ['--help'];
    // A real pipe whose reader exits without reading: the first write gets EPIPE.
    const result = spawnSync(
      'bash',
      [
        '-c',
        '"$@" | true; echo "exit ${PIPESTATUS[0]}" >&2',
        'bash',
        process.execPath,
        BIN,
        ...args,
      ],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('exit 0\n');
  });

  it('exits 2 on a usage error', () => {
    expect(desk('init', '--data')).toMatchObject({ code: 2 });
  });
});
