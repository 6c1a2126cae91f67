import { describe, expect, it } from 'vitest';
import { compareVersions } from './compare-versions';
import { proportionInterval } from './intervals';
import type { EvidenceLog, ModelEvidence, SampleScore } from './evidence';

function log(
  logId: number,
  task: string,
  finished: string,
  accuracy: number,
  n: number,
): EvidenceLog {
  return {
    logId,
    bundleId: logId,
    bundleFile: `b${logId}.evbundle`,
    evaluator: { id: 'lab', name: 'lab', claimedName: 'lab' },
    runFinishedOn: finished,
    path: `logs/${task}-${logId}.eval`,
    task,
    status: 'success',
    mappings: [],
    metrics: [
      {
        scorer: 'includes',
        metric: 'accuracy',
        claimed: accuracy,
        recomputed: accuracy,
        n,
        status: 'match',
      },
      // A stderr equal to the accuracy is still no proportion (it must get no interval).
      {
        scorer: 'includes',
        metric: 'stderr',
        claimed: accuracy,
        recomputed: accuracy,
        n,
        status: 'match',
      },
    ],
    claims: [],
  };
}

function evidence(logs: EvidenceLog[], scores: Record<number, SampleScore[]>): ModelEvidence {
  return {
    model: { developer: 'd', name: 'm', version: String(logs[0]?.logId) },
    logs,
    excluded: [],
    sampleScores: (logId) => scores[logId] ?? [],
    sampleClusters: () => new Map(),
    taskTimes: () => ({ kind: 'none' }),
  };
}

const s = (sampleId: string, numeric: number, epoch = 1): SampleScore => ({
  sampleId,
  epoch,
  numeric,
  errored: false,
  limited: false,
  invalidated: false,
});

describe('two versions side by side', () => {
  it('compares the latest run of each benchmark, gives the difference and the tasks that flipped', () => {
    const a = evidence(
      [log(1, 'ctf', '2026-01-01T00:00:00Z', 0.5, 4), log(2, 'ctf', '2025-12-01T00:00:00Z', 0, 4)],
      { 1: [s('t1', 1), s('t2', 1), s('t3', 0), s('t4', 0)], 2: [] },
    );
    const b = evidence(
      [log(3, 'ctf', '2026-02-01T00:00:00Z', 0.75, 4), log(4, 'web', '2026-02-01T00:00:00Z', 1, 1)],
      {
        3: [s('t1', 1), s('t2', 0), s('t3', 1), s('t4', 1)],
        4: [s('w1', 1)],
      },
    );
    const [ctf, web] = compareVersions(a, b).benchmarks;
    expect(ctf?.a).toMatchObject({ logId: 1, runs: 2 });
    expect(ctf?.b).toMatchObject({ logId: 3, runs: 1 });
    const accuracy = ctf?.metrics.find((m) => m.metric === 'accuracy');
    expect(accuracy?.difference).toBeCloseTo(0.25, 12);
    expect(accuracy?.a.interval?.low).toBeCloseTo(proportionInterval('wilson', 2, 4).low, 12);
    expect(accuracy?.b.interval?.high).toBeCloseTo(proportionInterval('wilson', 3, 4).high, 12);
    // Task by task (1,1), (1,0), (0,1), (0,1): paired.test.ts computes these numbers.
    expect(accuracy?.paired).toMatchObject({
      n: 4,
      difference: 0.25,
      mcnemar: { onlyA: 1, onlyB: 2, p: 1 },
    });
    // stderr is no proportion: no interval, and no paired difference.
    expect(ctf?.metrics.find((m) => m.metric === 'stderr')?.a.interval).toBeNull();
    expect(ctf?.metrics.find((m) => m.metric === 'stderr')?.paired).toBeNull();
    expect(ctf?.flips).toEqual([
      { scorer: 'includes', sampleId: 't2', a: 1, b: 0, direction: 'lost' },
      { scorer: 'includes', sampleId: 't3', a: 0, b: 1, direction: 'solved' },
      { scorer: 'includes', sampleId: 't4', a: 0, b: 1, direction: 'solved' },
    ]);
    // A benchmark only one version has: shown, with nothing to compare.
    expect(web).toMatchObject({
      benchmark: 'web',
      a: null,
      b: { logId: 4 },
      metrics: [],
      flips: [],
    });
  });

  it('gives no interval where epochs make a sample partly solved, and no flip for a partial one', () => {
    const a = evidence([log(1, 'ctf', '2026-01-01T00:00:00Z', 0.5, 2)], {
      1: [s('t1', 1, 1), s('t1', 0, 2), s('t2', 0.5)],
    });
    const b = evidence([log(2, 'ctf', '2026-02-01T00:00:00Z', 0.5, 2)], {
      2: [s('t1', 0.5), s('t2', 0.5)],
    });
    const [ctf] = compareVersions(a, b).benchmarks;
    expect(ctf?.metrics[0]?.a.interval).toBeNull();
    expect(ctf?.flips).toEqual([]);
    // Two epochs in the first run: a paired difference, but no McNemar test.
    expect(ctf?.metrics[0]?.paired).toMatchObject({ n: 2, difference: 0, mcnemar: null });
  });
});
