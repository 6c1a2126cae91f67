/**
 * The same bundle imported twice at once, through the service and through the router as
 * the renderer calls it: one import completes, the other is told the bundle is already
 * being imported and that nothing was changed, never an internal error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../main/bundles';
import { openWorkspace } from '../../main/workspace';
import { copyDataDir } from '../support/data-dir';
import { makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { FROM_APP, routerWithDialog } from '../support/router';
import { makeManySamplesBundle } from '../support/synthetic-logs';
import { useTempDirs } from '../support/temp-dir';

describe('the same bundle imported twice at once', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let bundle: string;
  let slow: string;

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-twice-'));
    station = await makeWorkstation(work);
    bundle = await makeBundle(path.join(work, 'cyber.evbundle'), station.lab.unlocked);
    // Long enough to read that the second import looks while the first is still running.
    slow = await makeManySamplesBundle(work, station.lab.unlocked, 'slow.evbundle');
  });

  it('through two importBundles calls: one imports, the other is told, and nothing is imported twice', async () => {
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const workspace = openWorkspace({ dataDir });
    try {
      const { bundles } = workspace.services;
      const outcomes = (
        await Promise.all([bundles.importBundles([bundle]), bundles.importBundles([bundle])])
      ).flat();
      expect(outcomes.filter((o) => o.status === 'imported')).toHaveLength(1);
      // Which one wins, and whether the first has completed when the second looks, is timing.
      const other = outcomes.find((o) => o.status !== 'imported');
      expect(other?.message).toMatch(
        /^Bundle "cyber\.evbundle" (is already being imported \(in this window or by another desk command\)|was already imported as bundle \d+); nothing was changed\.$/,
      );
      expect(bundles.list()).toHaveLength(1);
    } finally {
      workspace.close();
    }
  });

  it.each(['hashing', 'checking digests', 'reading logs'] as const)(
    'a second import started while the first is %s: "already being imported; nothing was changed"',
    async (phase) => {
      const dataDir = copyDataDir(station.dataDir, tempDir());
      const workspace = openWorkspace({ dataDir });
      try {
        const { bundles } = workspace.services;
        let second: Promise<ImportOutcome> | undefined;
        const first = await bundles.importBundle(slow, {
          onProgress: (p) => {
            if (p.phase === phase) second ??= bundles.importBundle(slow);
          },
        });
        // Both are running: whichever writes its bundle row first imports.
        const outcomes = [first, await second];
        expect(outcomes.map((o) => o?.status).sort()).toEqual(['imported', 'refused']);
        expect(outcomes.find((o) => o?.status === 'refused')?.message).toBe(
          'Bundle "slow.evbundle" is already being imported (in this window or by another desk command); nothing was changed.',
        );
        expect(bundles.list()).toHaveLength(1);
      } finally {
        workspace.close();
      }
    },
  );

  it('through two router calls: both answer with a value, neither is an internal error', async () => {
    const dataDir = copyDataDir(station.dataDir, tempDir());
    const workspace = openWorkspace({ dataDir });
    try {
      // routerWithDialog fails the test on an internal error.
      const dispatch = routerWithDialog(workspace, [bundle], () => undefined);
      const results = await Promise.all([
        dispatch('importBundles', { source: 'dialog' }, FROM_APP),
        dispatch('importBundles', { source: 'dialog' }, FROM_APP),
      ]);
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      const statuses = results.flatMap((r) =>
        r.ok ? (r.value as { outcomes: { status: string }[] }).outcomes.map((o) => o.status) : [],
      );
      expect(statuses.filter((s) => s === 'imported')).toHaveLength(1);
    } finally {
      workspace.close();
    }
  });
});
