/**
 * Access accounting through the router, as the window calls it: who imported (or that no
 * one was signed in), who opened which transcript, and the audit view's filters by kind,
 * person and object.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../common/audit';
import type { SamplePageView } from '../../common/samples';
import { openWorkspace, type Workspace } from '../../main/workspace';
import { fixtureLogs, makeBundle, makeWorkstation } from '../support/lab';
import { FROM_APP, routerWithDialog } from '../support/router';

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

describe('access accounting', () => {
  let workspace: Workspace;
  let call: (channel: string, args: unknown) => Promise<unknown>;

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-access-'));
    const s = await makeWorkstation(work);
    const logs = fixtureLogs();
    const solved = logs.filter((l) => l.endsWith('doomla_solved.eval'));
    const rest = logs.filter((l) => l.endsWith('popularity.eval'));
    const first = await makeBundle(path.join(work, 'first.evbundle'), s.lab.unlocked, {
      logs: solved,
    });
    const second = await makeBundle(path.join(work, 'second.evbundle'), s.lab.unlocked, {
      logs: rest,
    });
    workspace = openWorkspace({ dataDir: s.dataDir });
    workspace.services.identities.enrol(JSON.parse(fs.readFileSync(s.reviewer.secretFile, 'utf8')));
    // The file dialog picks `first`, then `second`.
    const picks = [[first], [second]];
    const dialog = (files: readonly string[]) =>
      routerWithDialog(workspace, files, () => undefined);
    const dispatch = dialog([]);
    call = (channel, args) => dispatch(channel, args, FROM_APP);
    const importPick = async () =>
      dialog(picks.shift() ?? [])('importBundles', { source: 'dialog' }, FROM_APP);
    // Locked: the import is the workstation's; then signed in as the reviewer.
    expect(await importPick()).toMatchObject({ ok: true });
    expect(
      await call('unlock', { keyid: s.reviewer.unlocked.keyid, passphrase: 'reviewer passphrase' }),
    ).toMatchObject({ ok: true });
    expect(await importPick()).toMatchObject({ ok: true });
    return () => {
      workspace.close();
    };
  });

  const audit = async (filter?: object) => {
    const answer = (await call('listAuditEvents', {
      limit: 200,
      beforeSeq: null,
      ...(filter ? { filter } : {}),
    })) as Answer<AuditPage>;
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  };

  it('says who imported a bundle, and when no one was signed in', async () => {
    const imports = (await audit({ kind: 'bundle.imported', actor: null, object: null })).events;
    expect(imports.map((e) => [e.actor, e.summary.split(':')[0]])).toEqual([
      ['reviewer', 'Bundle "second.evbundle" imported by reviewer'],
      [null, 'Bundle "first.evbundle" imported while no one was signed in'],
    ]);
  });

  it('records who opened a transcript, and filters by kind, person and object', async () => {
    const modelId = workspace.services.evaluation.models()[0]?.id ?? 0;
    const page = (await call('listSamples', {
      scope: { kind: 'model', modelId },
      filter: 'includes == "C"',
      sort: null,
      offset: 0,
      limit: 10,
    })) as Answer<SamplePageView>;
    const row = page.ok && page.value.ok ? page.value.rows[0] : undefined;
    if (row === undefined) throw new Error('no solved sample');
    expect(
      await call('openSample', { logId: row.logId, sampleId: row.sampleId, epoch: row.epoch }),
    ).toMatchObject({ ok: true });

    const opened = await audit({ kind: 'evidence.sample-opened', actor: null, object: null });
    expect(opened.total).toBe(1);
    expect(opened.events[0]).toMatchObject({
      actor: 'reviewer',
      summary:
        'reviewer opened sample "doomla (solution)" epoch 1 of log "logs/doomla_solved.eval" (Acme AI/frontier-1@2026-10).',
    });

    const byReviewer = await audit({ kind: null, actor: 'reviewer', object: null });
    expect(byReviewer.events.every((e) => e.actor === 'reviewer')).toBe(true);
    expect(byReviewer.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['identity.unlocked', 'bundle.imported', 'evidence.sample-opened']),
    );
    // "" is the workstation itself: the events no person did.
    const own = await audit({ kind: null, actor: '', object: null });
    expect(own.total).toBeGreaterThan(0);
    expect(own.events.every((e) => e.actor === null)).toBe(true);

    const aboutTheLog = await audit({ kind: null, actor: null, object: 'doomla_solved' });
    expect(aboutTheLog.events.map((e) => e.kind)).toEqual(['evidence.sample-opened']);
    // Matched as written: % and _ are not wildcards.
    expect((await audit({ kind: null, actor: null, object: '%' })).total).toBe(0);
    const all = await audit();
    expect(all.total).toBeGreaterThan(byReviewer.total + own.total - 1);
  });

  it('refuses a filter of an unknown kind before anything runs', async () => {
    expect(
      await call('listAuditEvents', {
        limit: 10,
        beforeSeq: null,
        filter: { kind: 'everything', actor: null, object: null },
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
