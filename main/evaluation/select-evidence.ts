/**
 * Which log metric answers a rule (docs/evaluation.md, "Mapping a rule to evidence").
 */
import type { ThresholdRule } from '../thresholds';
import type { EvidenceClaim, EvidenceLog, EvidenceMetric } from './evidence';

export interface Candidate {
  readonly log: EvidenceLog;
  readonly metric: EvidenceMetric;
}

/**
 * A log is of the rule's benchmark when its Inspect task has that name, or when its
 * bundle signed a result for that benchmark naming this log (a lab may call a task by the
 * benchmark's published name) and a reviewer has accepted that mapping: a signed claim
 * alone cannot make any log stand for any benchmark. Names are compared exactly.
 */
export function logsOfBenchmark(
  benchmark: string,
  logs: readonly EvidenceLog[],
): readonly EvidenceLog[] {
  return logs.filter(
    (log) =>
      log.task === benchmark || log.mappings.some((m) => m.benchmark === benchmark && m.accepted),
  );
}

/** Logs filed under the benchmark by their bundle, a mapping no reviewer has accepted. */
export function unacceptedLogsOf(
  benchmark: string,
  logs: readonly EvidenceLog[],
): readonly EvidenceLog[] {
  return logs.filter((log) => log.mappings.some((m) => m.benchmark === benchmark && !m.accepted));
}

/** A run that did not finish: its samples are whatever ran before it stopped. */
export function isUnfinished(log: Pick<EvidenceLog, 'status'>): boolean {
  return log.status !== 'success';
}

/** Logs of the benchmark that do not count for `rule` because their run did not finish. */
export function unfinishedLogsOf(
  rule: Pick<ThresholdRule, 'benchmark' | 'partialEvidence'>,
  logs: readonly EvidenceLog[],
): readonly EvidenceLog[] {
  if (rule.partialEvidence === true) return [];
  return logsOfBenchmark(rule.benchmark, logs).filter(isUnfinished);
}

/**
 * Every (log, scorer) that records the rule's metric, best evidence first; a run that did
 * not finish only when the rule allows partial evidence.
 */
export function candidatesFor(
  rule: Pick<ThresholdRule, 'benchmark' | 'metric' | 'scorer' | 'partialEvidence'>,
  logs: readonly EvidenceLog[],
): Candidate[] {
  return logsOfBenchmark(rule.benchmark, logs)
    .filter((log) => rule.partialEvidence === true || !isUnfinished(log))
    .flatMap((log) =>
      log.metrics
        .filter(
          (m) =>
            m.metric === rule.metric && (rule.scorer === undefined || m.scorer === rule.scorer),
        )
        .map((metric) => ({ log, metric })),
    )
    .sort(byPreference);
}

/**
 * The most recent run first: the bundle's signed runFinishedOn (as an instant, so offsets
 * compare correctly), then import order (a later import first). Logs of one bundle share
 * both, so within a bundle: the most samples first (the metric's n), then the log's path
 * in code-point order, then the scorer's name; that order is total, so the choice never
 * depends on the order rows were read in.
 */
function byPreference(a: Candidate, b: Candidate): number {
  return (
    instant(b.log.runFinishedOn) - instant(a.log.runFinishedOn) ||
    b.log.bundleId - a.log.bundleId ||
    b.metric.n - a.metric.n ||
    compareText(a.log.path, b.log.path) ||
    compareText(a.metric.scorer, b.metric.scorer)
  );
}

function instant(timestamp: string): number {
  const ms = Date.parse(timestamp);
  // The bundle schema admits only valid RFC 3339, so this is only a guard.
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * The bundle's signed results about one log metric: claims naming its scorer and metric,
 * and claims naming the metric alone (which could be about any scorer's metric of that
 * name, so they count against each).
 */
export function claimsAbout(candidate: Candidate): readonly EvidenceClaim[] {
  const { scorer, metric } = candidate.metric;
  return candidate.log.claims.filter(
    (c) => c.metric === `${scorer}/${metric}` || c.metric === metric,
  );
}
