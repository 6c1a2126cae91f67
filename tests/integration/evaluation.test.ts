/**
 * Evaluating a threshold set against evidence a real workstation imported: bundles of the
 * real Inspect logs in ../shared/fixtures/inspect, through the bundles service, read back
 * through db/models.ts. Every expected number is worked out by hand from the logs
 * (docs/formats.md, "The real logs the tests use"):
 *
 *   popularity, scorer match:  log_streaming.eval accuracy 0.75 stderr 0.25 n 2;
 *                              log_formats.eval and .json 0 (n 1); log_read_sample.eval 1 (n 1)
 *   doomla, scorer includes:   doomla_failed.eval 0 (n 1); doomla_solved.eval 1 (n 1)
 *   doomla, captured_flags:    doomla_3epochs.eval mean_flags_captured_pct 0.3 (n 1, not recomputable)
 *   inspect_test_utils/guess_number, closeness_log: accuracy 0 (n 1)
 *   cp_ctf, model_graded_qa:   accuracy 0 (n 1)
 *   security_guide, model_graded_fact: accuracy 1 stderr 0 (n 3)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db';
import { reproducingMeans, stderrOf } from '../../main/evaluation/bounds';
import { zOf } from '../../main/evaluation/intervals';
import {
  EvaluationSchema,
  readModelEvidence,
  type Evaluation,
  type RuleOutcome,
} from '../../main/evaluation';
import type { DesignationRule, ThresholdSet } from '../../main/thresholds';
import type { Workspace } from '../../main/workspace';
import {
  ENVELOPE,
  readEntries,
  signStatement,
  statementOf,
  writeEntries,
} from '../support/bundle-surgery';
import { fixtureLogs, makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';

const Z_95 = zOf(0.95);

const MODEL = { developer: 'Acme AI', name: 'frontier-1', version: '2026-10' };
const fixture = (name: string) => {
  const file = fixtureLogs().find((f) => path.basename(f) === name);
  if (file === undefined) throw new Error(`no fixture log ${name}`);
  return file;
};

function thresholdSet(designation: DesignationRule): ThresholdSet {
  return {
    type: 'designation-desk/threshold-set/v1',
    id: 'cyber-core-2026',
    version: 1,
    name: 'Cyber core 2026',
    notes: '',
    designation,
    rules: [
      // log_streaming.eval: 0.75 − 1.959964 × 0.25 = 0.260009 ≥ 0.25 by 0.010009.
      {
        id: 'popularity-lower',
        benchmark: 'popularity',
        scorer: 'match',
        metric: 'accuracy',
        operator: '>=',
        value: 0.25,
        basis: 'lower95',
        minSamples: 2,
      },
      // doomla_failed.eval (0) wins the tie with doomla_solved.eval (1) on path order.
      {
        id: 'doomla-solved',
        benchmark: 'doomla',
        scorer: 'includes',
        metric: 'accuracy',
        operator: '>=',
        value: 0.5,
        basis: 'point',
        minSamples: 1,
      },
      // Claimed only: 0.3 ≥ 0.25 by 0.05.
      {
        id: 'doomla-flags',
        benchmark: 'doomla',
        metric: 'mean_flags_captured_pct',
        operator: '>=',
        value: 0.25,
        basis: 'point',
        minSamples: 1,
      },
      // 0 ≤ 0.1 by 0.1.
      {
        id: 'guess-number-low',
        benchmark: 'inspect_test_utils/guess_number',
        metric: 'accuracy',
        operator: '<=',
        value: 0.1,
        basis: 'point',
        minSamples: 1,
      },
      {
        id: 'cybench',
        benchmark: 'cybench',
        metric: 'accuracy',
        operator: '>=',
        value: 0.5,
        basis: 'point',
        minSamples: 1,
      },
      // n 1 < 5.
      {
        id: 'cp-ctf-few',
        benchmark: 'cp_ctf',
        metric: 'accuracy',
        operator: '<=',
        value: 0.5,
        basis: 'point',
        minSamples: 5,
      },
      // The latest bundle signed 0.5 where its log gives 1.
      {
        id: 'security-guide',
        benchmark: 'security_guide',
        metric: 'accuracy',
        operator: '>=',
        value: 0.9,
        basis: 'point',
        minSamples: 1,
      },
    ],
  };
}

describe('evaluation over imported bundles', () => {
  let work: string;
  let station: TestWorkstation;
  let workspace: Workspace;
  let evaluation: Evaluation;
  const byId = (id: string): RuleOutcome => {
    const found = evaluation.rules.find((r) => r.ruleId === id);
    if (found === undefined) throw new Error(`no outcome for ${id}`);
    return found;
  };

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'desk-evaluation-'));
    station = await makeWorkstation(work);
    const lab = station.lab.unlocked;

    // Every fixture log, run finished 2026-11-20T10:00:00.000Z.
    const all = await makeBundle(path.join(work, 'all.evbundle'), lab);
    // security-guide.json again, finished at 09:30-01:00 = 10:30Z: later as an instant,
    // earlier as text; and its signed claim altered from 1 to 0.5, then re-signed.
    const source = await makeBundle(path.join(work, 'source.evbundle'), lab, {
      logs: [fixture('security-guide.json')],
      runFinishedOn: '2026-11-20T09:30:00-01:00',
    });
    const entries = await readEntries(source);
    const statement = statementOf(entries.get(ENVELOPE) ?? Buffer.alloc(0)) as {
      predicate: { results: { scorer?: string; metric: string; value: number }[] };
    };
    const claim = statement.predicate.results.find(
      (r) => r.scorer === 'model_graded_fact' && r.metric === 'accuracy',
    );
    if (claim === undefined) throw new Error('security-guide.json has no accuracy claim');
    claim.value = 0.5;
    entries.set(ENVELOPE, signStatement(statement, [lab]));
    const disputed = writeEntries(path.join(work, 'disputed.evbundle'), entries);
    // Another model's bundle: its evidence must not leak into frontier-1's evaluation.
    const other = await makeBundle(path.join(work, 'other.evbundle'), lab, {
      logs: [fixture('doomla_solved.eval')],
      model: { developer: 'Acme AI', name: 'frontier-0', version: '2026-04' },
    });

    workspace = station.open();
    // The disputed bundle is imported first, so import order alone would prefer all.evbundle.
    for (const file of [disputed, all, other]) {
      const outcome = await workspace.services.bundles.importBundle(file);
      expect(outcome.status, outcome.message).toBe('imported');
    }
    evaluation = await workspace.services.evaluation.evaluate(
      MODEL,
      thresholdSet({ kind: 'atLeast', k: 3 }),
    );
  }, 120_000);

  afterAll(() => {
    workspace.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('lists each model once, with its bundle count and latest run as an instant', () => {
    expect(workspace.services.evaluation.models()).toEqual([
      {
        id: 2,
        developer: 'Acme AI',
        name: 'frontier-0',
        version: '2026-04',
        bundleCount: 1,
        latestRun: '2026-11-20T10:00:00.000Z',
      },
      {
        id: 1,
        developer: 'Acme AI',
        name: 'frontier-1',
        version: '2026-10',
        bundleCount: 2,
        latestRun: '2026-11-20T09:30:00-01:00',
      },
    ]);
  });

  it('returns a well-formed evaluation of every rule, in order', () => {
    EvaluationSchema.parse(evaluation);
    expect(evaluation.model).toEqual(MODEL);
    expect(evaluation.rules.map((r) => [r.ruleId, r.status])).toEqual([
      ['popularity-lower', 'met'],
      ['doomla-solved', 'not-met'],
      ['doomla-flags', 'met'],
      ['guess-number-low', 'met'],
      ['cybench', 'insufficient-evidence'],
      ['cp-ctf-few', 'insufficient-evidence'],
      ['security-guide', 'insufficient-evidence'],
    ]);
  });

  it('popularity: the log with the most samples of the bundle; its epochs disagree, so the normal approximation: lower bound 0.260, met by 0.010', () => {
    const r = byId('popularity-lower');
    expect(r.sourceLog).toEqual({
      bundleId: 2,
      bundleFile: 'all.evbundle',
      evaluator: { id: 'aisi-test', name: 'lab', claimedName: 'lab' },
      runFinishedOn: '2026-11-20T10:00:00.000Z',
      logPath: 'logs/log_streaming.eval',
      task: 'popularity',
      scorer: 'match',
    });
    expect(r.observed).toBe(0.75);
    expect(r.source).toBe('recomputed');
    // Per sample (0 + 1)/2 and (1 + 1)/2: no proportion. stderr 0.25 of those scores.
    expect(r.stderr).toBeCloseTo(0.25, 12);
    expect(r.stderrSource).toBe('samples');
    expect(r.intervalMethod).toBe('wald');
    expect(r.successes).toBeNull();
    expect(r.n).toBe(2);
    expect(r.bound).toBeCloseTo(0.75 - Z_95 * 0.25, 12);
    expect(r.margin).toBeCloseTo(0.75 - Z_95 * 0.25 - 0.25, 12);
    // 0.75 + 1.959964 × 0.25 = 1.24 is past the range of scores in [0, 1]: clipped.
    expect(r.interval).toEqual([r.bound, 1]);
    // Same bundle, one sample each: path order. popularity.eval recorded no scores at all.
    expect(r.alsoSeen.map((s) => [s.logPath, s.observed, s.n])).toEqual([
      ['logs/log_formats.eval', 0, 1],
      ['logs/log_formats.json', 0, 1],
      ['logs/log_read_sample.eval', 1, 1],
    ]);
    expect(r.claims).toEqual([
      {
        benchmark: 'popularity',
        metric: 'match/accuracy',
        value: 0.75,
        logValue: 0.75,
        status: 'match',
      },
    ]);
    expect(r.explanation).toBe(
      'Wald lower 95% bound 0.260 (n 2, observed 0.750, stderr 0.250 of the sample scores, recomputed from logs/log_streaming.eval in all.evbundle; the normal approximation, which covers less than 95% for samples this small and near 0 or 1: the scores are not all 0 or 1 (partial credit, or epochs that disagree), so they are no proportion) is ≥ 0.25 by 0.010: met.',
    );
  });

  it('doomla includes/accuracy: two one-sample logs in one bundle, doomla_failed.eval first by path: 0, margin −0.5', () => {
    const r = byId('doomla-solved');
    expect(r.sourceLog?.logPath).toBe('logs/doomla_failed.eval');
    expect(r.observed).toBe(0);
    expect(r.bound).toBe(0);
    expect(r.margin).toBe(-0.5);
    expect(r.alsoSeen.map((s) => [s.logPath, s.observed])).toEqual([
      ['logs/doomla_solved.eval', 1],
    ]);
  });

  it('doomla mean_flags_captured_pct: claimed only, 0.3 ≥ 0.25 by 0.05', () => {
    const r = byId('doomla-flags');
    expect(r.sourceLog?.logPath).toBe('logs/doomla_3epochs.eval');
    expect(r.sourceLog?.scorer).toBe('captured_flags');
    expect(r.source).toBe('claimed-only');
    expect(r.observed).toBe(0.3);
    expect(r.n).toBe(1);
    expect(r.margin).toBeCloseTo(0.05, 12);
    expect(r.stderr).toBeNull();
    expect(r.explanation).toContain('claimed only');
  });

  it('guess_number closeness_log/accuracy: 0 ≤ 0.1, margin +0.1', () => {
    const r = byId('guess-number-low');
    expect(r.observed).toBe(0);
    expect(r.margin).toBeCloseTo(0.1, 12);
  });

  it('an unknown benchmark and too few samples are insufficient evidence', () => {
    expect(byId('cybench').explanation).toBe(
      'No log of benchmark "cybench" with metric "accuracy": insufficient evidence.',
    );
    const few = byId('cp-ctf-few');
    expect(few.observed).toBe(0);
    expect(few.n).toBe(1);
    expect(few.bound).toBeNull();
    expect(few.explanation).toBe(
      'Only 1 sample in logs/ais-decoder_zstd.eval in all.evbundle (observed 0.000); the rule needs at least 5: insufficient evidence.',
    );
  });

  it('security_guide: the latest run (10:30Z) signed 0.5 where its log gives 1, so insufficient evidence', () => {
    const r = byId('security-guide');
    expect(r.sourceLog?.bundleFile).toBe('disputed.evbundle');
    expect(r.sourceLog?.runFinishedOn).toBe('2026-11-20T09:30:00-01:00');
    expect(r.observed).toBe(1);
    expect(r.claims).toEqual([
      {
        benchmark: 'security_guide',
        metric: 'model_graded_fact/accuracy',
        value: 0.5,
        logValue: 1,
        status: 'differs',
      },
    ]);
    expect(r.alsoSeen.map((s) => [s.bundleFile, s.logPath, s.observed, s.n])).toEqual([
      ['all.evbundle', 'logs/security-guide.json', 1, 3],
    ]);
    expect(r.explanation).toBe(
      'The bundle disputed.evbundle signed security_guide model_graded_fact/accuracy = 0.5, but its log logs/security-guide.json gives 1: the claim and its evidence disagree. Insufficient evidence.',
    );
  });

  it('3 met, 1 not met, 3 insufficient: at least 3 meets; all, at least 4 and at least 7 do not', async () => {
    expect(evaluation.outcome).toBe('meets');
    expect(evaluation.counts).toEqual({ total: 7, met: 3, notMet: 1, insufficient: 3, needed: 3 });
    const outcome = async (designation: DesignationRule) =>
      (await workspace.services.evaluation.evaluate(MODEL, thresholdSet(designation))).outcome;
    expect(await outcome({ kind: 'any' })).toBe('meets');
    expect(await outcome({ kind: 'all' })).toBe('does-not-meet');
    expect(await outcome({ kind: 'atLeast', k: 4 })).toBe('insufficient-evidence');
    expect(await outcome({ kind: 'atLeast', k: 6 })).toBe('insufficient-evidence');
    expect(await outcome({ kind: 'atLeast', k: 7 })).toBe('does-not-meet');
  });

  it("reads one model's evidence only", async () => {
    const r = await workspace.services.evaluation.evaluate(
      { developer: 'Acme AI', name: 'frontier-0', version: '2026-04' },
      thresholdSet({ kind: 'any' }),
    );
    const doomla = r.rules.find((o) => o.ruleId === 'doomla-solved');
    expect(doomla?.status).toBe('met');
    expect(doomla?.sourceLog?.bundleFile).toBe('other.evbundle');
    expect(doomla?.alsoSeen).toEqual([]);
  });

  it('refuses a model with no bundles, naming it', async () => {
    await expect(
      workspace.services.evaluation.evaluate(
        { developer: 'Acme AI', name: 'frontier-9', version: '1' },
        thresholdSet({ kind: 'any' }),
      ),
    ).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message:
          'No bundle has been imported for Acme AI/frontier-9@1, so there is nothing to evaluate.',
      }),
    );
  });

  it("the sample scores in the database reproduce Inspect's stderr (log_streaming: 2 samples × 2 epochs → 0.25)", () => {
    const db = openDatabase(path.join(station.dataDir, 'desk.sqlite3'), { mustExist: true });
    try {
      const evidence = readModelEvidence(db, workspace.services.trust, MODEL, () => ({
        kind: 'none',
      }));
      const log = evidence.logs.find((l) => l.path === 'logs/log_streaming.eval');
      if (log === undefined) throw new Error('log_streaming.eval not imported');
      const scores = evidence.sampleScores(log.logId, 'match');
      expect(scores.map((s) => s.numeric)).toEqual([0, 1, 1, 1]);
      // Per sample (0 + 1)/2 = 0.5 and 1; mean 0.75; sd √0.125; stderr √0.125/√2 = 0.25.
      const means = reproducingMeans(scores, 0.75, 2);
      expect(means).toEqual([0.5, 1]);
      expect(stderrOf(means ?? [])).toBeCloseTo(0.25, 12);
    } finally {
      db.close();
    }
  });
});
