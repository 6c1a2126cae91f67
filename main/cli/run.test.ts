import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotTree, useTempDirs } from '../../tests/support/temp-dir';
import { APP_VERSION } from '../version';
import { DESK_HELP, runDesk } from './run';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDesk(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('desk CLI', () => {
  const tempDir = useTempDirs();

  it('prints help listing its commands', async () => {
    const result = await run('--help');
    expect(result).toEqual({ code: 0, stdout: DESK_HELP, stderr: '' });
    expect(result.stdout).toMatch(/^\s+init\s/m);
  });

  it('prints its version', async () => {
    expect(await run('--version')).toEqual({ code: 0, stdout: `${APP_VERSION}\n`, stderr: '' });
  });

  it('with no command, shows help and exits 2', async () => {
    expect(await run()).toMatchObject({ code: 2, stdout: DESK_HELP });
  });

  it('init creates a workstation, then refuses the same directory with exit 1', async () => {
    const dataDir = path.join(tempDir(), 'ws');
    const first = await run('init', '--data', dataDir, '--classification', 'SECRET//NOFORN');
    expect(first).toEqual({
      code: 0,
      stdout: `Initialised a Designation Desk workstation in ${dataDir} (classification SECRET//NOFORN).\n`,
      stderr: '',
    });
    const before = snapshotTree(dataDir);
    const second = await run('init', '--data', dataDir, '--classification', 'SECRET//NOFORN');
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toBe(
      `desk: ${dataDir} is already a Designation Desk workstation; nothing was changed.\n`,
    );
    expect(snapshotTree(dataDir)).toEqual(before);
  });

  it('init --json reports machine-readable results and errors', async () => {
    const dataDir = path.join(tempDir(), 'ws');
    const ok = await run('init', '--data', dataDir, '--classification', 'CUI', '--json');
    expect(JSON.parse(ok.stdout)).toMatchObject({
      ok: true,
      dataDir,
      classification: { marking: 'CUI', level: 'CUI', controls: [] },
    });
    const refused = await run('init', '--data', dataDir, '--classification', 'CUI', '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({
      ok: false,
      error: { code: 'ALREADY_INITIALISED', message: expect.stringMatching(/already/) as string },
    });
  });

  it.each([
    [['frobnicate'], /"frobnicate" is not a desk command/],
    [['init', '--data', '/tmp/never-made'], /needs --classification MARKING/],
    [
      ['init', '--data', '/tmp/never-made', '--classification', 'SECRET', '--colour'],
      /Unknown option '--colour'/,
    ],
    [
      ['init', '--data', '/tmp/never-made', '--classification', 'PUBLIC'],
      /"PUBLIC" is not a classification level/,
    ],
  ])('usage error %j exits 2 with one sentence on stderr', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync('/tmp/never-made')).toBe(false);
  });

  it("init without --data uses the app's own data folder, as the Electron app does", async () => {
    const config = tempDir();
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = config;
    try {
      expect((await run('init', '--classification', 'SECRET')).code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
    expect(fs.existsSync(path.join(config, 'Designation Desk', 'desk.sqlite3'))).toBe(true);
  });

  it('init refuses a non-empty foreign directory with exit 1', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'notes.txt'), 'x');
    const result = await run('init', '--data', dataDir, '--classification', 'SECRET');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not empty and is not a Designation Desk workstation/);
    expect(fs.readdirSync(dataDir)).toEqual(['notes.txt']);
  });
});
