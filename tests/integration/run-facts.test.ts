/**
 * How each run went, as a reviewer and `desk bundles` see it after a real import: status,
 * the run's error, sample counts and the limits samples hit, the Inspect model and the plan.
 * The shared doomla_failed.eval (a sample stopped by its token limit) and a hand-built run
 * that crashed with a traceback; `desk doctor` re-derives the same facts from the evidence.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BundleSummary } from '../../common/bundles';
import { desk } from '../support/desk-cli';
import { buildZip, claimed, evalMembers, header, sample } from '../support/inspect-test-logs';
import { fixtureLogs, makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';

const TRACEBACK =
  'Traceback (most recent call last):\n  File "run.py", line 1\nRuntimeError: sandbox died';

/** A run that crashed after two of three samples: one scored, one hit its message limit. */
async function crashedLog(file: string): Promise<string> {
  const head = {
    ...header({
      status: 'error',
      total: 3,
      config: { message_limit: 50, epochs: 1 },
      scores: [claimed('match', { accuracy: 1 })],
    }),
    error: { message: 'RuntimeError: sandbox died', traceback: TRACEBACK },
    stats: { started_at: '2026-01-01T00:00:00+00:00', completed_at: '2026-01-01T00:10:30+00:00' },
  };
  const samples = [
    sample(1, 1, { match: 'C' }),
    sample(2, 1, { match: 'I' }, { limit: { type: 'message', limit: 50 } }),
  ];
  fs.writeFileSync(file, await buildZip(evalMembers(head, samples)));
  return file;
}

describe('the facts of each run', () => {
  let s: TestWorkstation;
  let bundles: BundleSummary[];
  let listing: string;

  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-runs-'));
    s = await makeWorkstation(work);
    const failed = fixtureLogs().find((f) => path.basename(f) === 'doomla_failed.eval') ?? '';
    const bundle = await makeBundle(path.join(work, 'runs.evbundle'), s.lab.unlocked, {
      logs: [failed, await crashedLog(path.join(work, 'crashed.eval'))],
    });
    expect((await desk('import', '--data', s.dataDir, bundle)).code).toBe(0);
    const json = await desk('bundles', '--data', s.dataDir, '--json');
    bundles = (JSON.parse(json.stdout) as { bundles: BundleSummary[] }).bundles;
    listing = (await desk('bundles', '--data', s.dataDir)).stdout;
  });

  const log = (name: string) => {
    const found = bundles[0]?.logs.find((l) => l.path === `logs/${name}`);
    if (found?.run == null) throw new Error(`no run facts for ${name}`);
    return { ...found, run: found.run };
  };

  it('doomla_failed.eval: a successful run whose one sample hit the token limit of 5000', () => {
    // header.json: status success, eval.model anthropic/claude-sonnet-4-20250514, plan react,
    // config.token_limit 5000; samples/doomla (example)_epoch_1.json: limit token 5000.
    const failed = log('doomla_failed.eval');
    expect(failed).toMatchObject({
      status: 'success',
      model: 'anthropic/claude-sonnet-4-20250514',
    });
    expect(failed.run).toMatchObject({
      solvers: ['react'],
      limits: { token: 5000, message: null },
      error: null,
      samples: {
        total: 1,
        completed: 1,
        errored: 0,
        limitsHit: [{ type: 'token', samples: 1, values: [5000] }],
      },
      partialMetrics: [],
    });
    expect(failed.run.sampleSandboxes.map((b) => b.type)).toEqual(['docker']);
    expect(listing).toContain(
      'logs/doomla_failed.eval  task doomla  Inspect model anthropic/claude-sonnet-4-20250514  success  1 samples (1 completed; 1 hit the token limit 5000)',
    );
  });

  it('a crashed run: its status, error and traceback, how long it ran, the message limit hit, and partial results', () => {
    const crashed = log('crashed.eval');
    expect(crashed.status).toBe('error');
    expect(crashed.run).toMatchObject({
      error: { message: 'RuntimeError: sandbox died', traceback: TRACEBACK },
      durationSeconds: 630,
      limits: { message: 50 },
      epochs: 1,
      samples: {
        total: 2,
        completed: 2,
        errored: 0,
        limitsHit: [{ type: 'message', samples: 1, values: [50] }],
      },
      partialMetrics: [{ scorer: 'match', reducer: 'mean', mean: 0.5, n: 2 }],
    });
    expect(listing).toContain(
      'logs/crashed.eval  task synthetic  Inspect model test/model  error  2 samples (2 completed; 1 hit the message limit 50)\n    run error: RuntimeError: sandbox died\n',
    );
  });

  it('desk doctor re-derives the same facts from the stored evidence', async () => {
    const report = await desk('doctor', '--data', s.dataDir, '--json');
    expect(report.code, report.stdout).toBe(0);
  });
});
