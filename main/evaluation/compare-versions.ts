/**
 * Two model versions side by side (docs/evaluation.md, "Versions side by side"): for every
 * benchmark (Inspect task) both have counted evidence for, each version's latest run, every
 * metric both runs have with its value, the difference, and which tasks flipped (solved by
 * one version and not the other). Pure: the evaluation service reads the evidence.
 *
 * A metric's value is the one the evaluation uses (recomputed from the samples, or the
 * claim where it cannot be recomputed, and then said so). An interval is given only for a
 * proportion: a scorer whose every sample, reduced over epochs by the mean, is 0 or 1, and
 * whose count of successes gives the metric's own value; it is the Wilson score interval at
 * 95% (Wilson 1927), always inside [0, 1]. Other metrics get none, rather than a Wald
 * interval that can leave the metric's range.
 */
import type {
  BenchmarkComparison,
  Interval,
  MetricComparison,
  RunRef,
  TaskFlip,
  VersionComparison,
  VersionMetric,
} from '../../common/comparison';
import type { EvidenceLog, EvidenceMetric, ModelEvidence } from './evidence';
import { isMeanMetric, meansBySample, successesOf } from './bounds';
import { proportionInterval } from './intervals';
import { pairedDifference } from './paired';

export function compareVersions(a: ModelEvidence, b: ModelEvidence): VersionComparison {
  const benchmarks = compareBenchmarks(a, b);
  return { a: a.model, b: b.model, benchmarks };
}

function compareBenchmarks(a: ModelEvidence, b: ModelEvidence): BenchmarkComparison[] {
  const latestA = latestByTask(a.logs);
  const latestB = latestByTask(b.logs);
  const tasks = [...new Set([...latestA.keys(), ...latestB.keys()])].sort();
  return tasks.map((task): BenchmarkComparison => {
    const runA = latestA.get(task);
    const runB = latestB.get(task);
    if (runA === undefined || runB === undefined) {
      return {
        benchmark: task,
        a: runA ? runRef(runA) : null,
        b: runB ? runRef(runB) : null,
        metrics: [],
        flips: [],
      };
    }
    const scoresA = reducedScores(a, runA.log);
    const scoresB = reducedScores(b, runB.log);
    const metrics = runA.log.metrics.flatMap((ma): MetricComparison[] => {
      const mb = runB.log.metrics.find((m) => m.scorer === ma.scorer && m.metric === ma.metric);
      if (mb === undefined) return [];
      const ra = scoresA(ma.scorer);
      const rb = scoresB(mb.scorer);
      const va = versionMetric(ma, ra.means);
      const vb = versionMetric(mb, rb.means);
      return [
        {
          scorer: ma.scorer,
          metric: ma.metric,
          a: va,
          b: vb,
          difference: va.value === null || vb.value === null ? null : vb.value - va.value,
          paired: isMeanMetric(ma.metric)
            ? pairedDifference(ra.means, rb.means, ra.oneEpoch && rb.oneEpoch)
            : null,
        },
      ];
    });
    const scorers = [...new Set(metrics.map((m) => m.scorer))];
    return {
      benchmark: task,
      a: runRef(runA),
      b: runRef(runB),
      metrics,
      flips: scorers.flatMap((scorer) =>
        flipsOf(scorer, scoresA(scorer).means, scoresB(scorer).means),
      ),
    };
  });
}

interface Run {
  readonly log: EvidenceLog;
  readonly runs: number;
}

/** Each task's latest run (signed finish time, then import order), and how many there were. */
function latestByTask(logs: readonly EvidenceLog[]): Map<string, Run> {
  const byTask = Map.groupBy(logs, (log) => log.task);
  return new Map(
    [...byTask].map(([task, runs]) => {
      const latest = runs.reduce((best, log) =>
        Date.parse(log.runFinishedOn) > Date.parse(best.runFinishedOn) ||
        (Date.parse(log.runFinishedOn) === Date.parse(best.runFinishedOn) &&
          log.bundleId > best.bundleId)
          ? log
          : best,
      );
      return [task, { log: latest, runs: runs.length }];
    }),
  );
}

function runRef({ log, runs }: Run): RunRef {
  return {
    logId: log.logId,
    logPath: log.path,
    bundleFile: log.bundleFile,
    runFinishedOn: log.runFinishedOn,
    runs,
  };
}

/** One scorer's scores in one run: per sample, averaged over its epochs. */
interface Reduced {
  readonly means: ReadonlyMap<string, number>;
  /** Every sample was run once. */
  readonly oneEpoch: boolean;
}

/** Per scorer, each sample's numeric score averaged over its epochs (unscored left out). */
function reducedScores(evidence: ModelEvidence, log: EvidenceLog): (scorer: string) => Reduced {
  const cache = new Map<string, Reduced>();
  return (scorer) => {
    let reduced = cache.get(scorer);
    if (reduced === undefined) {
      const scores = evidence.sampleScores(log.logId, scorer);
      reduced = {
        means: meansBySample(scores),
        oneEpoch: scores.every((s) => s.epoch === 1),
      };
      cache.set(scorer, reduced);
    }
    return reduced;
  };
}

function versionMetric(
  metric: EvidenceMetric,
  samples: ReadonlyMap<string, number>,
): VersionMetric {
  const value = metric.recomputed ?? metric.claimed;
  const source = metric.recomputed !== null ? 'recomputed' : value === null ? null : 'claimed-only';
  return { value, source, n: metric.n, interval: wilsonOfMetric(metric, samples) };
}

/**
 * Wilson's interval when the metric is the proportion of samples scored 1 among samples
 * scored 0 or 1: a proportion metric whose recomputed value is that proportion, over the
 * same n (a stderr that happens to equal it is still no proportion).
 */
function wilsonOfMetric(
  metric: EvidenceMetric,
  samples: ReadonlyMap<string, number>,
): Interval | null {
  const values = [...samples.values()];
  const n = values.length;
  if (!isMeanMetric(metric.metric)) return null;
  if (metric.recomputed === null || n === 0 || n !== metric.n) return null;
  const successes = successesOf(values);
  if (successes === null) return null;
  if (Math.abs(successes / n - metric.recomputed) > 1e-9) return null;
  return proportionInterval('wilson', successes, n);
}

function flipsOf(
  scorer: string,
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): TaskFlip[] {
  const flips: TaskFlip[] = [];
  for (const [sampleId, scoreA] of a) {
    const scoreB = b.get(sampleId);
    if (scoreB === undefined) continue;
    if (scoreB === 1 && scoreA < 1)
      flips.push({ scorer, sampleId, a: scoreA, b: scoreB, direction: 'solved' });
    else if (scoreA === 1 && scoreB < 1)
      flips.push({ scorer, sampleId, a: scoreA, b: scoreB, direction: 'lost' });
  }
  return flips.sort((x, y) => x.sampleId.localeCompare(y.sampleId, 'en', { numeric: true }));
}
