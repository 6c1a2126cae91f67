/**
 * Enrolment, unlock with a growing back-off (serialised per identity), audit of failures,
 * the unlocked key checked against its identity row, roles and the idle lock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/workspace';
import Database from 'better-sqlite3';
import { dumpDatabase, makeWorkstation, type TestWorkstation } from '../support/lab';
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

  it('queues concurrent unlocks of one identity: 12 wrong guesses at once each wait their back-off and count', async () => {
    const s = await station();
    let clock = Date.parse('2026-11-22T10:00:00Z');
    const waits: number[] = [];
    const workspace = openWorkspace({
      dataDir: s.dataDir,
      now: () => new Date(clock),
      // The back-off runs on this clock: sleeping moves it on, no real time passes.
      session: {
        sleep: (ms) => {
          waits.push(ms);
          clock += ms;
          return Promise.resolve();
        },
      },
    });
    try {
      const identities = workspace.services.identities;
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          identities.unlock('reviewer', new TextEncoder().encode(`guess ${i}`)),
        ),
      );
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
      const seconds = [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300];
      expect(waits).toEqual(seconds.map((n) => n * 1000));
      const failures = workspace.services.audit.ofKind('identity.unlock-failed');
      expect(failures.map((e) => e.details.failedAttempts)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
      expect(failures.map((e) => e.summary).at(-1)).toBe(
        'Failed unlock of "reviewer" (attempt 12).',
      );
      // The whole volley took the schedule's time on the clock, not a second.
      expect(clock - Date.parse('2026-11-22T10:00:00Z')).toBe(1111 * 1000);
    } finally {
      workspace.close();
    }
  });

  it("refuses to unlock a lab's sealed key put in a reviewer's identity row by SQL", async () => {
    const s = await station();
    const db = new Database(path.join(s.dataDir, 'desk.sqlite3'));
    try {
      db.prepare('UPDATE identity SET sealed_key = ? WHERE keyid = ?').run(
        fs.readFileSync(s.lab.secretFile, 'utf8'),
        s.reviewer.unlocked.keyid,
      );
    } finally {
      db.close();
    }
    const before = dumpDatabase(s.dataDir);
    const result = await desk(
      'user',
      'unlock',
      '--data',
      s.dataDir,
      '--user',
      'reviewer',
      '--passphrase-file',
      s.lab.passphraseFile,
    );
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `desk: The sealed key stored for "reviewer" is not the key ${s.reviewer.unlocked.keyid} that identity was enrolled with, so it was not unlocked. The database was edited outside Designation Desk or is damaged: run "desk doctor --data DIR" and have the security officer investigate. Nothing was changed.\n`,
    });
    expect(dumpDatabase(s.dataDir)).toEqual(before);

    const workspace = openWorkspace({ dataDir: s.dataDir });
    try {
      await expect(
        workspace.services.identities.unlock(
          'reviewer',
          new TextEncoder().encode('lab passphrase'),
        ),
      ).rejects.toMatchObject({ code: 'IDENTITY_MISMATCH' });
      expect(workspace.services.identities.session()).toBeNull();
      expect(() => workspace.services.identities.requireKey('reviewer')).toThrow(/locked/);
      expect(workspace.services.audit.ofKind('identity.unlocked')).toEqual([]);
    } finally {
      workspace.close();
    }
  });
});
