/**
 * Import through the IPC router, as the renderer does it: the shell's file dialog picks
 * the bundle, progress is pushed as events, and the outcome crosses as a value.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_PHASES } from '../../common/bundles';
import type { DeskEvent } from '../../common/ipc';
import { createHandlers, createRouter } from '../../main/ipc';
import { makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { FROM_APP, routerWithDialog } from '../support/router';

describe('importBundles over the router', () => {
  let station: TestWorkstation;
  let bundle: string;

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-ipc-'));
    station = await makeWorkstation(work);
    bundle = await makeBundle(path.join(work, 'cyber.evbundle'), station.lab.unlocked);
  });

  it('imports the chosen file, pushes progress, and indexes transcripts for search', async () => {
    const workspace = station.open();
    const events: { event: DeskEvent; payload: unknown }[] = [];
    const dispatch = routerWithDialog(workspace, [bundle], (event, payload) =>
      events.push({ event, payload }),
    );
    try {
      const result = await dispatch('importBundles', { source: 'dialog' }, FROM_APP);
      expect(result).toMatchObject({
        ok: true,
        value: { outcomes: [{ status: 'imported', file: 'cyber.evbundle' }] },
      });
      // Every phase is reported, in order.
      const phases = new Set(events.map((e) => (e.payload as { phase: string }).phase));
      expect([...phases]).toEqual([...IMPORT_PHASES]);
      expect(new Set(events.map((e) => e.event))).toEqual(new Set(['importProgress']));
      // Throttled: a handful of events per phase, not one per 64 KiB chunk.
      expect(events.length).toBeLessThan(250);

      const listed = await dispatch('listBundles', {}, FROM_APP);
      expect(listed).toMatchObject({
        ok: true,
        value: { bundles: [{ fileName: 'cyber.evbundle', sampleCount: 27 }] },
      });
    } finally {
      workspace.close();
    }
    const db = new Database(path.join(station.dataDir, 'desk.sqlite3'), { readonly: true });
    const hits = db
      .prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM transcript_fts WHERE transcript_fts MATCH ?`,
      )
      .get('flag');
    db.close();
    expect(hits?.n).toBeGreaterThan(0);
  });

  it('refuses dropped paths that are not result bundles before touching them', async () => {
    const workspace = station.open();
    const dispatch = createRouter(
      createHandlers(workspace.services, {
        chooseBundleFiles: () => Promise.resolve([]),
        emit: () => undefined,
      }),
      () => undefined,
    );
    try {
      const result = await dispatch(
        'importBundles',
        { source: 'drop', paths: ['/etc/shadow'] },
        { origin: 'app://desk' },
      );
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/\.evbundle/) as string },
      });
    } finally {
      workspace.close();
    }
  });
});
