/**
 * The samples grid's channel over a real import of the shared Inspect logs: every sample of
 * a model version, filtered in Inspect View's language, through the router as the renderer
 * calls it (validated both ways by the contract).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SamplePageView } from '../../common/samples';
import { openWorkspace, type Workspace } from '../../main/workspace';
import { makeBundle, makeWorkstation } from '../support/lab';
import { FROM_APP, routerWithDialog } from '../support/router';

describe('the samples grid', () => {
  let workspace: Workspace;
  let dispatch: ReturnType<typeof routerWithDialog>;
  let modelId: number;

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-grid-'));
    const s = await makeWorkstation(work);
    const bundle = await makeBundle(path.join(work, 'all.evbundle'), s.lab.unlocked);
    workspace = openWorkspace({ dataDir: s.dataDir });
    expect((await workspace.services.bundles.importBundle(bundle)).status).toBe('imported');
    modelId = workspace.services.evaluation.models()[0]?.id ?? 0;
    dispatch = routerWithDialog(workspace, [], () => undefined);
    return () => {
      workspace.close();
    };
  });

  const page = async (filter: string): Promise<SamplePageView> => {
    const request = {
      scope: { kind: 'model', modelId },
      filter,
      sort: null,
      offset: 0,
      limit: 1000,
    };
    const answer = (await dispatch('listSamples', request, FROM_APP)) as
      { ok: true; value: SamplePageView } | { ok: false; error: unknown };
    if (!answer.ok) throw new Error(`listSamples failed: ${JSON.stringify(answer.error)}`);
    return answer.value;
  };

  it('lists every sample of the model with its log, scores and limit', async () => {
    const all = await page('');
    if (!all.ok) throw new Error(all.message);
    // 27 samples across the 11 shared logs (the bundle's import says so too).
    expect(all.total).toBe(27);
    expect(all.rows).toHaveLength(27);
    expect(all.scorers).toContain('includes');
    const failed = all.rows.find((r) => r.logPath === 'logs/doomla_failed.eval');
    expect(failed).toMatchObject({ task: 'doomla', limit: 'token limit 5000', epoch: 1 });
    expect(failed?.metadata).toMatchObject({ variant_name: 'example' });
  });

  it('filters as Inspect View does: has_limit, a scorer by name, metadata', async () => {
    const limited = await page('has_limit');
    // doomla_3epochs.eval: 3 samples at the token limit; doomla_failed.eval: 1.
    expect(limited.ok && limited.rows.map((r) => r.logPath).sort()).toEqual([
      'logs/doomla_3epochs.eval',
      'logs/doomla_3epochs.eval',
      'logs/doomla_3epochs.eval',
      'logs/doomla_failed.eval',
    ]);
    const solved = await page('includes == "C"');
    expect(solved.ok && solved.rows.map((r) => r.logPath)).toEqual(['logs/doomla_solved.eval']);
    const variant = await page('metadata.variant_name == "example"');
    expect(variant.ok && variant.total).toBe(1);
  });

  it('a filter it cannot read is an answer naming where, not an error', async () => {
    const bad = await page('has_limit and');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/position|at \d+|Expected/);
  });
});
