/**
 * An import that does not complete (cancelled from the UI, its worker stopped, out of
 * memory) leaves the data directory exactly as a rejection does: every table as it was,
 * no staged file, no new store file, and one bundle.rejected audit event naming the reason.
 * Real bundles, a real workstation and real workers; the router as the renderer calls it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportPhase } from '../../common/bundles';
import { openWorkspace, type WorkspaceOptions } from '../../main/workspace';
import {
  copyDataDir,
  dataDirState,
  expectAsAfterRejection,
  pendingRows,
} from '../support/data-dir';
import { sha256Hex } from '../../main/crypto';
import {
  ENVELOPE,
  readEntries,
  signStatement,
  statementOf,
  writeEntries,
} from '../support/bundle-surgery';
import { makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { FROM_APP, routerWithDialog } from '../support/router';
import { makeManySamplesBundle } from '../support/synthetic-logs';
import { useTempDirs } from '../support/temp-dir';

describe('an import that does not complete', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let small: string;
  let second: string;
  let large: string;

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-cancel-'));
    station = await makeWorkstation(work);
    small = await makeBundle(path.join(work, 'cyber.evbundle'), station.lab.unlocked);
    second = await makeBundle(path.join(work, 'second.evbundle'), station.lab.unlocked, {
      suite: { name: 'cyber-core', version: '2.0' },
    });
    large = await makeManySamplesBundle(work, station.lab.unlocked, 'large.evbundle');
  });

  const freshStation = () => copyDataDir(station.dataDir, tempDir());

  it('cancelled over the router at the first "reading logs" event: as after a rejection, and the rest of the batch is skipped', async () => {
    const dataDir = freshStation();
    const before = dataDirState(dataDir);
    const workspace = openWorkspace({ dataDir });
    // Cancels as the Inbox's Cancel button would, at the first "reading logs" event.
    const answers: Promise<unknown>[] = [];
    const dispatch = routerWithDialog(workspace, [small, second], (_event, payload) => {
      if ((payload as { phase: ImportPhase }).phase === 'reading logs' && answers.length === 0)
        answers.push(dispatch('cancelImport', {}, FROM_APP));
    });
    try {
      const result = await dispatch('importBundles', { source: 'dialog' }, FROM_APP);
      expect(await Promise.all(answers)).toEqual([{ ok: true, value: { cancelling: true } }]);
      expect(result).toEqual({
        ok: true,
        value: {
          outcomes: [
            {
              status: 'cancelled',
              file: 'cyber.evbundle',
              message:
                'The import of "cyber.evbundle" was cancelled; nothing was imported and nothing was left behind.',
            },
            {
              status: 'cancelled',
              file: 'second.evbundle',
              message:
                'The import of "second.evbundle" was cancelled before it started; nothing was imported.',
            },
          ],
        },
      });
      // Nothing is running any more.
      expect(await dispatch('cancelImport', {}, FROM_APP)).toEqual({
        ok: true,
        value: { cancelling: false },
      });
      expect(workspace.services.bundles.rejections().at(-1)).toMatchObject({
        file: 'cyber.evbundle',
        check: null,
        reason: 'the import was cancelled',
      });
    } finally {
      workspace.close();
    }
    expectAsAfterRejection(before, dataDir, 'the import was cancelled');
  });

  /** Imports `large` and aborts once half of its rows are written. */
  async function cancelWhileWriting(options: Omit<WorkspaceOptions, 'dataDir'> = {}) {
    const dataDir = freshStation();
    const before = dataDirState(dataDir);
    const workspace = openWorkspace({ dataDir, ...options });
    const controller = new AbortController();
    let seenWhileWriting:
      { listed: number; models: number; pending: ReturnType<typeof pendingRows> } | undefined;
    try {
      const outcome = await workspace.services.bundles.importBundle(large, {
        signal: controller.signal,
        onProgress: (progress) => {
          // Half the logs read, and their rows written.
          if (progress.phase !== 'reading logs' || progress.done < progress.total / 2) return;
          if (controller.signal.aborted) return;
          seenWhileWriting = {
            listed: workspace.services.bundles.list().length,
            models: workspace.services.evaluation.models().length,
            pending: pendingRows(dataDir),
          };
          controller.abort();
        },
      });
      expect(outcome).toMatchObject({
        status: 'cancelled',
        digest: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
      });
    } finally {
      workspace.close();
    }
    // Rows were there, and no read of bundles or models saw them.
    expect(seenWhileWriting?.listed).toBe(0);
    expect(seenWhileWriting?.models).toBe(0);
    expect(seenWhileWriting?.pending.bundles).toBe(1);
    expect(seenWhileWriting?.pending.samples).toBeGreaterThan(0);
    expectAsAfterRejection(before, dataDir, 'the import was cancelled');
  }

  it('cancelled while its rows are being written: the worker discards them', async () => {
    await cancelWhileWriting();
  });

  it('cancelled, and its worker terminated before it could clean up: the main process discards the rows', async () => {
    await cancelWhileWriting({ importWorker: { cancelGraceMs: 0 } });
  });

  it('rejected by its last log after the rows of the others were written: as after a rejection', async () => {
    // The last log is not an Inspect log, yet signed: only reading it can tell.
    const work = tempDir();
    const entries = await readEntries(large);
    const statement = statementOf(entries.get(ENVELOPE) ?? Buffer.alloc(0)) as {
      subject: { name: string; digest: { sha256: string } }[];
      predicate: { logs: string[]; results: { log?: string }[] };
    };
    const last = statement.predicate.logs.at(-1) ?? '';
    const garbage = Buffer.from('not an Inspect log\n'.repeat(100));
    entries.set(last, garbage);
    for (const subject of statement.subject)
      if (subject.name === last) subject.digest.sha256 = sha256Hex(garbage);
    statement.predicate.results = statement.predicate.results.filter((r) => r.log !== last);
    entries.set(ENVELOPE, signStatement(statement, [station.lab.unlocked]));
    const file = writeEntries(path.join(work, 'last-log-broken.evbundle'), entries);

    const dataDir = freshStation();
    const before = dataDirState(dataDir);
    const workspace = openWorkspace({ dataDir });
    let pendingWhileWriting: ReturnType<typeof pendingRows> | undefined;
    try {
      const outcome = await workspace.services.bundles.importBundle(file, {
        onProgress: (progress) => {
          // Three of its five logs read, and their rows written.
          if (progress.phase === 'reading logs' && progress.done >= 3)
            pendingWhileWriting ??= pendingRows(dataDir);
        },
      });
      expect(outcome).toMatchObject({
        status: 'rejected',
        message: expect.stringMatching(
          new RegExp(`rejected: Log "${last}" cannot be read as an Inspect log`),
        ) as string,
      });
    } finally {
      workspace.close();
    }
    expect(pendingWhileWriting?.samples).toBeGreaterThan(0);
    expectAsAfterRejection(before, dataDir, /cannot be read as an Inspect log/);
  });

  it('its worker runs out of memory while reading the logs: rejected with the reason, nothing left', async () => {
    const dataDir = freshStation();
    const before = dataDirState(dataDir);
    const workspace = openWorkspace({
      dataDir,
      importWorker: { resourceLimits: { maxOldGenerationSizeMb: 16 } },
    });
    const phases = new Set<ImportPhase>();
    try {
      const outcome = await workspace.services.bundles.importBundle(large, {
        onProgress: (progress) => phases.add(progress.phase),
      });
      expect(outcome).toMatchObject({
        status: 'rejected',
        message:
          'Bundle "large.evbundle" was rejected: the evidence exceeds the limit of what one import may hold in memory (16 MiB). Nothing was imported.',
      });
      // The application carries on: the next import (with room) succeeds.
    } finally {
      workspace.close();
    }
    // It died mid-import, with verified evidence already staged.
    expect(phases).toContain('reading logs');
    expectAsAfterRejection(
      before,
      dataDir,
      'the evidence exceeds the limit of what one import may hold in memory (16 MiB)',
    );
    const roomy = openWorkspace({ dataDir });
    try {
      expect(await roomy.services.bundles.importBundle(small)).toMatchObject({
        status: 'imported',
      });
    } finally {
      roomy.close();
    }
  });
});
