/**
 * Whose runs are these? Inspect records the model it ran in each log's `eval.model`; a
 * bundle signed for one model may hold runs of others. Real signed bundles of the shared
 * Inspect logs, through the real import and evaluation: a statement that names its Inspect
 * models (model.inspectModels) is held to them; one that does not is imported with a
 * warning, and its evidence is never combined with another Inspect model's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Evaluation, RuleOutcome } from '../../main/evaluation';
import type { ThresholdRule } from '../../main/thresholds';
import { openWorkspace, type Workspace } from '../../main/workspace';
import { resigned } from '../support/bundle-surgery';
import { copyDataDir, dataDirState, expectAsAfterRejection } from '../support/data-dir';
import { desk } from '../support/desk-cli';
import { fixtureLogs, makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { useTempDirs } from '../support/temp-dir';
import { DOOMLA_RULE } from '../support/threshold-set';

const fixture = (name: string) => {
  const file = fixtureLogs().find((f) => path.basename(f) === name);
  if (file === undefined) throw new Error(`no fixture log ${name}`);
  return file;
};

/** eval.model of doomla_solved.eval and of popularity.eval (read from the shared files). */
const CLAUDE = 'anthropic/claude-sonnet-4-20250514';
const GPT = 'openai/gpt-4o-mini';
const MODEL = { developer: 'Acme AI', name: 'frontier-1', version: '2026-10' };

const DOOMLA: ThresholdRule = DOOMLA_RULE;

async function evaluate(workspace: Workspace, model = MODEL): Promise<RuleOutcome> {
  const evaluation: Evaluation = await workspace.services.evaluation.evaluate(model, {
    type: 'designation-desk/threshold-set/v1',
    id: 'models',
    version: 1,
    name: 'Models',
    notes: '',
    designation: { kind: 'all' },
    rules: [DOOMLA],
  });
  const [rule] = evaluation.rules;
  if (rule === undefined) throw new Error('no rule evaluated');
  return rule;
}

describe('the Inspect model of every log', () => {
  const tempDir = useTempDirs();

  async function station(): Promise<{ s: TestWorkstation; work: string }> {
    const work = tempDir();
    return { s: await makeWorkstation(work), work };
  }

  it('a statement naming its Inspect models imports when every log is a run of one, and says so', async () => {
    const { s, work } = await station();
    const file = await makeBundle(path.join(work, 'named.evbundle'), s.lab.unlocked, {
      logs: [fixture('doomla_solved.eval'), fixture('popularity.eval')],
      model: { ...MODEL, inspectModels: [CLAUDE, GPT] },
    });
    const workspace = openWorkspace({ dataDir: s.dataDir });
    try {
      expect((await workspace.services.bundles.importBundle(file)).status).toBe('imported');
      const [bundle] = workspace.services.bundles.list();
      expect(bundle?.inspectModels).toEqual([CLAUDE, GPT]);
      expect(bundle?.checks.find((c) => c.id === 'claims')).toMatchObject({
        status: 'pass',
        detail: `Evaluator named by its signers; every log run on a signed Inspect model (${CLAUDE}, ${GPT}); every result filed under its log's task`,
      });
      // The lab vouched for both names: the rule is decided.
      expect((await evaluate(workspace)).status).toBe('met');
    } finally {
      workspace.close();
    }
  });

  it('a log run on a model the statement does not name rejects the bundle, naming the log and both models', async () => {
    const { s, work } = await station();
    const honest = await makeBundle(path.join(work, 'honest.evbundle'), s.lab.unlocked, {
      logs: [fixture('doomla_solved.eval'), fixture('popularity.eval')],
      model: { ...MODEL, inspectModels: [CLAUDE, GPT] },
    });
    // The lab's own tool refuses to write it...
    const created = await desk(
      'bundle',
      'create',
      '--key',
      s.lab.secretFile,
      '--passphrase-file',
      s.lab.passphraseFile,
      '--model-developer',
      'Acme AI',
      '--model-name',
      'frontier-1',
      '--model-version',
      '2026-10',
      '--inspect-model',
      GPT,
      '--suite',
      'cyber-core',
      '--out',
      path.join(work, 'mixed.evbundle'),
      fixture('doomla_solved.eval'),
    );
    expect(created.code).not.toBe(0);
    expect(created.stderr).toContain(
      `Log "logs/doomla_solved.eval" was run on Inspect model "${CLAUDE}", but the statement says Acme AI/frontier-1@2026-10 is "${GPT}" (model.inspectModels). Nothing was written.`,
    );
    expect(fs.existsSync(path.join(work, 'mixed.evbundle'))).toBe(false);
    // ...and a workstation refuses one signed anyway.
    const mixed = await resigned(
      honest,
      path.join(work, 'mixed.evbundle'),
      [s.lab.unlocked],
      (p) => {
        (p.model as Record<string, unknown>).inspectModels = [GPT];
      },
    );
    const dataDir = copyDataDir(s.dataDir, tempDir());
    const before = dataDirState(dataDir);
    const workspace = openWorkspace({ dataDir });
    try {
      const outcome = await workspace.services.bundles.importBundle(mixed);
      expect(outcome.message).toBe(
        `Bundle "mixed.evbundle" was rejected: Log "logs/doomla_solved.eval" was run on Inspect model "${CLAUDE}", but the statement says Acme AI/frontier-1@2026-10 is "${GPT}" (model.inspectModels). Nothing was imported.`,
      );
    } finally {
      workspace.close();
    }
    expectAsAfterRejection(before, dataDir, /was run on Inspect model/);
  });

  it('without model.inspectModels: imported with a warning naming each model, and no rule is decided on mixed models', async () => {
    const { s, work } = await station();
    const file = await makeBundle(path.join(work, 'unsigned.evbundle'), s.lab.unlocked, {
      logs: [fixture('doomla_solved.eval'), fixture('popularity.eval')],
      model: MODEL,
    });
    const workspace = openWorkspace({ dataDir: s.dataDir });
    try {
      expect((await workspace.services.bundles.importBundle(file)).status).toBe('imported');
      const [bundle] = workspace.services.bundles.list();
      expect(bundle?.inspectModels).toBeNull();
      expect(bundle?.checks.find((c) => c.id === 'claims')).toEqual(
        expect.objectContaining({
          status: 'warn',
          detail: `The statement does not say which Inspect models are Acme AI/frontier-1@2026-10 (model.inspectModels); its logs were run on "${CLAUDE}", "${GPT}": no rule is decided on logs of more than one Inspect model`,
        }),
      );
      expect(bundle?.standing.unsignedAmongInspectModels).toEqual([CLAUDE, GPT]);
      const rule = await evaluate(workspace);
      expect(rule.status).toBe('insufficient-evidence');
      expect(rule.explanation).toBe(
        `No log of benchmark "doomla" with metric "accuracy" from scorer "includes"; unsigned.evbundle was not considered: its statement does not say which Inspect models the model is (model.inspectModels), and the model's evidence was run on 2 ("${CLAUDE}", "${GPT}"): evidence of different models is never combined: insufficient evidence.`,
      );
    } finally {
      workspace.close();
    }
  });

  it('without model.inspectModels but one Inspect model in all the evidence: a warning, and the rule is decided', async () => {
    const { s, work } = await station();
    const file = await makeBundle(path.join(work, 'one.evbundle'), s.lab.unlocked, {
      logs: [fixture('doomla_solved.eval')],
      model: MODEL,
    });
    const workspace = openWorkspace({ dataDir: s.dataDir });
    try {
      expect((await workspace.services.bundles.importBundle(file)).status).toBe('imported');
      const [bundle] = workspace.services.bundles.list();
      expect(bundle?.checks.find((c) => c.id === 'claims')?.status).toBe('warn');
      expect(bundle?.standing.unsignedAmongInspectModels).toBeNull();
      expect((await evaluate(workspace)).status).toBe('met');
    } finally {
      workspace.close();
    }
  });

  it('the same log imported for two model versions is flagged on both', async () => {
    const { s, work } = await station();
    const later = { ...MODEL, version: '2026-12' };
    const first = await makeBundle(path.join(work, 'oct.evbundle'), s.lab.unlocked, {
      logs: [fixture('doomla_solved.eval')],
    });
    const second = await makeBundle(path.join(work, 'dec.evbundle'), s.lab.unlocked, {
      logs: [fixture('doomla_solved.eval'), fixture('popularity.eval')],
      model: { ...later, inspectModels: [CLAUDE, GPT] },
    });
    const workspace = openWorkspace({ dataDir: s.dataDir });
    try {
      for (const file of [first, second])
        expect((await workspace.services.bundles.importBundle(file)).status).toBe('imported');
      const shared = workspace.services.bundles
        .list()
        .map((b) => [b.fileName, b.logs.map((l) => [l.path, l.sharedWith])]);
      expect(Object.fromEntries(shared)).toEqual({
        'oct.evbundle': [['logs/doomla_solved.eval', [later]]],
        'dec.evbundle': [
          ['logs/doomla_solved.eval', [MODEL]],
          ['logs/popularity.eval', []],
        ],
      });
    } finally {
      workspace.close();
    }
  });
});
