/**
 * A horizon rule on a real workstation: a synthetic Cybench-like log imported in a signed
 * bundle, human times in a task reference a reviewer signed, the evaluation service's
 * bootstrap run in the horizon worker (main/horizon/horizon.worker.ts), and the same bound
 * as the engine computes in-thread from the same runs.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db';
import { initCrypto } from '../../main/crypto';
import {
  evaluate,
  readModelEvidence,
  taskTimesFrom,
  EvaluationSchema,
} from '../../main/evaluation';
import { HorizonRuleSchema, type ThresholdRule, type ThresholdSet } from '../../main/thresholds';
import { TASK_REFERENCE_TYPE } from '../../main/tasks';
import { DATABASE_FILE, type Workspace } from '../../main/workspace';
import { writeSyntheticEvalLog } from '../bench/synthetic-inspect';
import { makeBundle, makeWorkstation, type TestWorkstation } from '../support/lab';
import { useTempDirs } from '../support/temp-dir';

const MODEL = { developer: 'Acme AI', name: 'frontier-1', version: '2026-10' };

const horizonRule = (basis: ThresholdRule['basis']): ThresholdRule => ({
  id: `p50-${basis}`,
  benchmark: 'cybench',
  metric: 'accuracy',
  scorer: 'includes',
  operator: '>=',
  value: 4,
  basis,
  minSamples: 10,
  horizon: HorizonRuleSchema.parse({ quantile: 50, resamples: 300, seed: 11 }),
});

function set(rules: ThresholdRule[]): ThresholdSet {
  return {
    type: 'designation-desk/threshold-set/v1',
    id: 'horizons',
    version: 1,
    name: 'Horizons',
    notes: '',
    designation: { kind: 'any' },
    rules,
  };
}

describe('a horizon rule over imported evidence', () => {
  const tempDir = useTempDirs();
  let station: TestWorkstation;
  let workspace: Workspace;

  beforeAll(async () => {
    await initCrypto();
    const dir = tempDir();
    station = await makeWorkstation(dir);
    const log = path.join(dir, 'cybench.eval');
    await writeSyntheticEvalLog(log, { seed: 31, task: 'cybench', challenges: 40, epochs: 3 });
    const bundle = await makeBundle(path.join(dir, 'run.evbundle'), station.lab.unlocked, {
      logs: [log],
    });
    workspace = station.open();
    const imported = await workspace.services.bundles.importBundle(bundle);
    expect(imported.status, imported.message).toBe('imported');

    // Human times that fall with the task's solve rate (harder tasks take longer), as a
    // reviewer would sign them: 2^(7 − 6·rate) minutes, in 8 families.
    const db = new Database(path.join(station.dataDir, DATABASE_FILE), { readonly: true });
    const rates = db
      .prepare<[], { id: string; rate: number }>(
        `SELECT s.sample_id AS id, avg(sc.numeric) AS rate FROM sample s
           JOIN sample_score sc ON sc.sample_id = s.id AND sc.scorer = 'includes'
          GROUP BY s.sample_id ORDER BY s.sample_id`,
      )
      .all();
    db.close();
    workspace.services.tasks.importReference(
      {
        type: TASK_REFERENCE_TYPE,
        id: 'cybench-times',
        version: 1,
        name: 'Cybench first-solve times',
        benchmarks: [
          {
            benchmark: 'cybench',
            tasks: rates.map((r, i) => ({
              taskId: r.id,
              minutes: 2 ** (7 - 6 * r.rate + (i % 3) * 0.3),
              family: `family-${i % 8}`,
              source: 'first-solve',
            })),
          },
        ],
      },
      station.reviewer.unlocked,
    );
  }, 120_000);

  afterAll(() => {
    workspace.close();
  });

  it('the lower bound from the worker is the one the engine computes from the same runs', async () => {
    const rules = [horizonRule('point'), horizonRule('lower')];
    const fromService = await workspace.services.evaluation.evaluate(MODEL, set(rules));
    EvaluationSchema.parse(fromService);
    // The engine in this thread, without a worker: every bootstrap computed here.
    const db = openDatabase(path.join(station.dataDir, DATABASE_FILE), { mustExist: true });
    let inThread;
    try {
      const evidence = readModelEvidence(
        db,
        workspace.services.trust,
        MODEL,
        taskTimesFrom(workspace.services.tasks),
      );
      inThread = evaluate(set(rules), evidence);
    } finally {
      db.close();
    }
    const [point, lower] = fromService.rules;
    expect(point?.horizon?.reference).toEqual({
      id: 'cybench-times',
      version: 1,
      signer: 'reviewer',
    });
    expect(point?.horizon?.tasks).toBe(40);
    expect(point?.observed).toBeGreaterThan(0);
    expect(lower?.intervalMethod).toBe('bootstrap');
    expect(lower?.horizon?.bootstrap).toMatchObject({ resamples: 300, seed: 11 });
    expect(lower?.bound).toBe(inThread.rules[1]?.bound);
    expect(lower?.bound).toBeLessThan(point?.observed ?? 0);
    expect(point?.strata?.buckets.reduce((n, b) => n + b.tasks, 0) ?? 0).toBeGreaterThan(0);
  });
});
