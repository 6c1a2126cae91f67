/** Enrolment, unlock with a growing back-off, audit of failures, roles and the idle lock. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/workspace';
import { makeWorkstation, type TestWorkstation } from '../support/lab';
import { useTempDirs } from '../support/temp-dir';
import { desk } from '../support/desk-cli';

describe('identities', () => {
  const tempDir = useTempDirs();

  async function station(): Promise<TestWorkstation> {
    const s = await makeWorkstation(tempDir());
    const enrolled = await desk('user', 'add', '--data', s.dataDir, '--key', s.reviewer.secretFile);
    expect(enrolled.code).toBe(0);
    return s;
  }

  it('enrols only keys the roster knows, once', async () => {
    const s = await station();
    expect((await desk('user', 'list', '--data', s.dataDir)).stdout).toMatch(
      /^reviewer\s+reviewer\s/m,
    );
    const again = await desk('user', 'add', '--data', s.dataDir, '--key', s.reviewer.secretFile);
    expect(again).toMatchObject({
      code: 1,
      stderr: 'desk: The key "reviewer" is already enrolled. Nothing was changed.\n',
    });
    const { makeKey } = await import('../support/lab');
    const stranger = await makeKey(tempDir(), 'stranger');
    const refused = await desk('user', 'add', '--data', s.dataDir, '--key', stranger.secretFile);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/holds no role in the trust roster/);
  });

  it('a wrong passphrase exits 1 with a clear message and is audit-logged without the secret', async () => {
    const s = await station();
    const wrong = path.join(tempDir(), 'wrong');
    fs.writeFileSync(wrong, 'correct horse battery staple\n');
    const result = await desk(
      'user',
      'unlock',
      '--data',
      s.dataDir,
      '--user',
      'reviewer',
      '--passphrase-file',
      wrong,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'desk: The passphrase does not open the key of "reviewer". The next attempt waits 1 s.\n',
    );
    const bytes = fs
      .readdirSync(s.dataDir)
      .filter((f) => f.startsWith('desk.sqlite3'))
      .map((f) => fs.readFileSync(path.join(s.dataDir, f)));
    for (const file of bytes) expect(file.includes('correct horse battery staple')).toBe(false);
  });

  it('five wrong attempts wait 0, 1, 2, 4 and 8 s, each one audit-logged; the right one resets the count', async () => {
    const s = await station();
    const waits: number[] = [];
    const workspace = openWorkspace({
      dataDir: s.dataDir,
      now: () => new Date('2026-11-22T10:00:00Z'),
      session: { sleep: (ms) => Promise.resolve(void waits.push(ms)) },
    });
    const identities = workspace.services.identities;
    const told: number[] = [];
    for (let i = 0; i < 5; i++) {
      await expect(
        identities.unlock('reviewer', new TextEncoder().encode(`guess ${i}`), {
          onWait: (seconds) => told.push(seconds),
        }),
      ).rejects.toThrow(/does not open the key of "reviewer"/);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
    expect(told).toEqual([1, 2, 4, 8]);
    const failures = workspace.services.audit.ofKind('identity.unlock-failed');
    expect(failures.map((e) => e.details.failedAttempts)).toEqual([1, 2, 3, 4, 5]);
    expect(JSON.stringify(failures)).not.toMatch(/guess/);

    await identities.unlock('reviewer', new TextEncoder().encode('reviewer passphrase'));
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(identities.session()).toMatchObject({ name: 'reviewer', roles: ['reviewer'] });
    identities.lock();
    await expect(
      identities.unlock('reviewer', new TextEncoder().encode('wrong again')),
    ).rejects.toThrow(/waits 1 s/);
    workspace.close();
  });

  it('requires the role from the roster and locks itself after the idle time', async () => {
    const s = await station();
    let clock = Date.parse('2026-11-22T10:00:00Z');
    const workspace = openWorkspace({
      dataDir: s.dataDir,
      now: () => new Date(clock),
      session: { idleLockMs: 60_000 },
    });
    const identities = workspace.services.identities;
    expect(() => identities.requireKey()).toThrow(/workstation is locked/);
    await identities.unlock('reviewer', new TextEncoder().encode('reviewer passphrase'));
    expect(identities.requireKey('reviewer').name).toBe('reviewer');
    expect(() => identities.requireKey('authority')).toThrow(/does not hold the authority role/);
    clock += 59_000;
    identities.touch();
    clock += 59_000;
    expect(identities.session()).not.toBeNull();
    clock += 61_000;
    expect(identities.session()).toBeNull();
    expect(workspace.services.audit.ofKind('identity.locked').at(-1)?.details).toMatchObject({
      reason: 'idle',
    });
    workspace.close();
  });
});
