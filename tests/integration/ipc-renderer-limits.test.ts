/**
 * What a compromised renderer can make main do over IPC: import only the files the user
 * chose in the dialog or dropped on the window (the preload registers a drop), and write
 * audit events only at a person's pace. The router, the workspace and its SQLite file are
 * real; the clock is stepped by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, createRouter } from '../../main/ipc';
import { AUDITED_CHANNEL_LIMITS } from '../../main/ipc/rate-limit';
import type { Workspace } from '../../main/workspace';
import { copyDataDir } from '../support/data-dir';
import { makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { FROM_APP } from '../support/router';
import { useTempDirs } from '../support/temp-dir';
import { openWorkspace } from '../../main/workspace';

function router(workspace: Workspace, clock: { now: number }, dialog: readonly string[] = []) {
  const internal: unknown[] = [];
  const dispatch = createRouter(
    createHandlers(
      workspace.services,
      { chooseBundleFiles: () => Promise.resolve([...dialog]), emit: () => undefined },
      { clock: () => clock.now },
    ),
    (_channel, error) => internal.push(error),
  );
  return { dispatch, internal };
}

describe('renderer limits over the router', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let bundle: string;

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-limits-'));
    station = await makeWorkstation(work);
    bundle = await makeBundle(path.join(work, 'cyber.evbundle'), station.lab.unlocked);
  });

  const open = () => openWorkspace({ dataDir: copyDataDir(station.dataDir, tempDir()) });

  it('refuses a dropped path the preload did not register, with a sentence, touching nothing', async () => {
    const workspace = open();
    try {
      const { dispatch } = router(workspace, { now: 0 });
      const audit = workspace.services.audit.page(1, null).total;
      const result = await dispatch(
        'importBundles',
        { source: 'drop', paths: ['/home/user/secret.evbundle'] },
        FROM_APP,
      );
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message:
            '"secret.evbundle" was neither chosen in the file dialog nor dropped on the window, so it cannot be imported. Nothing was imported.',
        },
      });
      expect(workspace.services.audit.page(1, null).total).toBe(audit);
      expect(workspace.services.bundles.list()).toEqual([]);
    } finally {
      workspace.close();
    }
  });

  it('imports a registered drop once; the same path again needs a new drop', async () => {
    const workspace = open();
    try {
      const { dispatch, internal } = router(workspace, { now: 0 });
      expect(await dispatch('registerDrop', { paths: [bundle] }, FROM_APP)).toEqual({
        ok: true,
        value: { registered: 1 },
      });
      const first = await dispatch('importBundles', { source: 'drop', paths: [bundle] }, FROM_APP);
      expect(first).toMatchObject({
        ok: true,
        value: { outcomes: [{ status: 'imported', file: 'cyber.evbundle' }] },
      });
      const again = await dispatch('importBundles', { source: 'drop', paths: [bundle] }, FROM_APP);
      expect(again).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(internal).toEqual([]);
    } finally {
      workspace.close();
    }
  });

  it('rate-limits what writes audit events: a flood of failed unlocks stops at the burst, refills with time', async () => {
    const dataDir = copyDataDir(station.dataDir, tempDir());
    // No back-off wait, so only the rate limit stands between the renderer and the log.
    const workspace = openWorkspace({ dataDir, session: { sleep: () => Promise.resolve() } });
    try {
      workspace.services.identities.enrol(
        JSON.parse(fs.readFileSync(station.reviewer.secretFile, 'utf8')) as unknown,
      );
      const clock = { now: 1_000_000 };
      const { dispatch, internal } = router(workspace, clock);
      const { capacity, perSecond } = AUDITED_CHANNEL_LIMITS.unlock;
      const attempt = { keyid: station.reviewer.unlocked.keyid, passphrase: 'wrong' };
      const before = workspace.services.audit.page(1, null).total;
      const codes: string[] = [];
      for (let i = 0; i < capacity * 3; i++) {
        const result = await dispatch('unlock', attempt, FROM_APP);
        codes.push(result.ok ? 'ok' : result.error.code);
      }
      expect(codes).toEqual([
        ...Array<string>(capacity).fill('WRONG_PASSPHRASE'),
        ...Array<string>(capacity * 2).fill('RATE_LIMITED'),
      ]);
      expect(workspace.services.audit.page(1, null).total - before).toBe(capacity);
      const refused = await dispatch('unlock', attempt, FROM_APP);
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'RATE_LIMITED',
          message: `Too many unlock requests in a short time; wait ${1 / perSecond} s and try again. Nothing was changed.`,
        },
      });

      clock.now += 1000 / perSecond;
      expect(await dispatch('unlock', attempt, FROM_APP)).toMatchObject({
        ok: false,
        error: { code: 'WRONG_PASSPHRASE' },
      });
      expect(workspace.services.audit.page(1, null).total - before).toBe(capacity + 1);
      expect(internal).toEqual([]);
    } finally {
      workspace.close();
    }
  });

  const KEYID = 'a'.repeat(64);
  // A valid request for each audited channel; refused by the service (locked, unknown) but
  // each one counts, as each could have written an event.
  const requests: Record<keyof typeof AUDITED_CHANNEL_LIMITS, unknown> = {
    unlock: { keyid: KEYID, passphrase: 'x' },
    lock: {},
    importBundles: { source: 'dialog' },
    saveThresholdSet: { document: {}, grantTo: [] },
    grantThresholdReader: { id: 'set', keyid: KEYID },
    revokeThresholdReader: { id: 'set', keyid: KEYID },
    judgeBundle: { action: 'quarantine', bundleId: 1, reason: 'x' },
  };

  it.each(Object.entries(AUDITED_CHANNEL_LIMITS))(
    '%s is refused once its burst is spent',
    async (channel, { capacity }) => {
      const workspace = open();
      try {
        const { dispatch } = router(workspace, { now: 0 });
        const codes: string[] = [];
        for (let i = 0; i <= capacity; i++) {
          const result = await dispatch(
            channel,
            requests[channel as keyof typeof requests],
            FROM_APP,
          );
          codes.push(result.ok ? 'ok' : result.error.code);
        }
        expect(codes.slice(0, capacity)).not.toContain('RATE_LIMITED');
        expect(codes.slice(0, capacity)).not.toContain('INVALID_ARGUMENT');
        expect(codes.at(-1)).toBe('RATE_LIMITED');
      } finally {
        workspace.close();
      }
    },
  );
});
