/**
 * A rule whose quantity is a cyber time horizon (docs/evaluation.md, "Time horizon"): the
 * runs are the chosen log's epochs of the rule's scorer, under its error and limit policy,
 * each sample matched by id to a task of the benchmark's signed task reference; METR's
 * logistic fit gives the point horizon and its seeded hierarchical bootstrap the bound.
 */
import {
  boundSide,
  DEFAULT_CONFIDENCE,
  percentOf,
  type ThresholdRule,
} from '../../common/thresholds';
import type { HorizonFacts } from '../../common/evaluation/outcome';
import { printable } from '../../common/text';
import {
  bootstrapHorizons,
  estimateHorizons,
  type BootstrapJob,
  type BootstrapOptions,
  type BootstrapSummary,
  type Horizon,
  type HorizonRun,
  type NoHorizon,
  percentileInterval,
} from '../horizon';
import type { Interval } from '../../common/comparison';
import { pValueOf } from './p-value';
import type { ModelEvidence } from './evidence';
import { fmt } from './format';
import { applySamplePolicy } from './sample-policy';
import { candidatesFor, type Candidate } from './select-evidence';

/** Bootstraps computed elsewhere (a worker), by rule id; missing ones are computed here. */
export type HorizonBootstraps = (ruleId: string) => BootstrapSummary | undefined;

export interface HorizonRuns {
  readonly runs: readonly HorizonRun[];
  readonly tasks: number;
  readonly families: number;
  /** Samples of the log whose id no task of the reference has. */
  readonly unmatched: number;
  readonly reference: { readonly id: string; readonly version: number; readonly signer: string };
}

/** One epoch of one sample is one run, as in METR's runs files. */
export function horizonRuns(
  rule: ThresholdRule,
  { log, metric }: Candidate,
  evidence: ModelEvidence,
): HorizonRuns | { readonly why: string } {
  const lookup = evidence.taskTimes(rule.benchmark);
  if (lookup.kind === 'none')
    return {
      why: `no signed task reference gives human times for the tasks of "${rule.benchmark}", and a horizon needs them`,
    };
  if (lookup.kind === 'failed') return { why: lookup.why };
  const runs: HorizonRun[] = [];
  const unmatched = new Set<string>();
  for (const score of evidence.sampleScores(log.logId, metric.scorer)) {
    if (score.numeric === null || !Number.isFinite(score.numeric)) continue;
    if (score.numeric < 0 || score.numeric > 1)
      return {
        why: `sample ${JSON.stringify(printable(score.sampleId))} scores ${String(score.numeric)}, and a horizon is fitted to success rates in [0, 1]`,
      };
    const task = lookup.tasks.get(score.sampleId);
    if (task === undefined) unmatched.add(score.sampleId);
    else
      runs.push({
        taskId: score.sampleId,
        family: task.family,
        minutes: task.minutes,
        score: score.numeric,
      });
  }
  return {
    runs,
    tasks: new Set(runs.map((r) => r.taskId)).size,
    families: new Set(runs.map((r) => r.family)).size,
    unmatched: unmatched.size,
    reference: lookup.reference,
  };
}

/**
 * The bootstraps the set's horizon bounds need, from the same evidence the rules will be
 * decided on (the first candidate log, under the rule's policy), for a worker to run.
 */
export function horizonJobs(
  rules: readonly ThresholdRule[],
  evidence: ModelEvidence,
): BootstrapJob[] {
  return rules.flatMap((rule): BootstrapJob[] => {
    if (rule.horizon === undefined || boundSide(rule.basis) === null) return [];
    const [first] = candidatesFor(rule, evidence.logs);
    if (first === undefined) return [];
    const applied = applySamplePolicy(rule, first, evidence);
    if ('why' in applied) return [];
    const found = horizonRuns(rule, applied.candidate, applied.evidence);
    if ('why' in found || found.tasks < 2) return [];
    return [{ id: rule.id, runs: found.runs, options: bootstrapOptions(rule) }];
  });
}

function bootstrapOptions(rule: ThresholdRule): BootstrapOptions {
  const h = rule.horizon;
  if (h === undefined) throw new Error('not a horizon rule');
  return {
    weighting: h.weighting,
    regularization: h.regularization,
    resamples: h.resamples,
    seed: h.seed,
  };
}

export type HorizonDecision =
  | {
      readonly observed: number;
      readonly interval: readonly [number, number] | null;
      readonly bound: number;
      readonly facts: HorizonFacts;
      /** "P50 horizon 9.31 minutes (…)", to be followed by the comparison. */
      readonly subject: string;
      /** For a bound: its one-sided p-value and its percentiles at any confidence (Holm). */
      readonly pValue: number | null;
      readonly at: ((confidence: number) => Interval) | null;
    }
  | { readonly why: string };

/** The rule's horizon and, for a bound, its bootstrap percentile; or why there is none. */
export function decideHorizon(
  rule: ThresholdRule,
  found: HorizonRuns,
  where: string,
  bootstraps: HorizonBootstraps,
): HorizonDecision {
  const h = rule.horizon;
  if (h === undefined) throw new Error('not a horizon rule');
  const estimate = estimateHorizons(found.runs, h);
  const point = h.quantile === 50 ? estimate.p50 : estimate.p80;
  if (estimate.fit === null || point.kind === 'none')
    return { why: `${where} gives no P${h.quantile} horizon: ${NO_HORIZON[noneOf(point)]}` };
  const fit = estimate.fit;
  const facts: HorizonFacts = {
    quantile: h.quantile,
    intercept: fit.intercept,
    coefficient: fit.coefficient,
    runs: found.runs.length,
    tasks: found.tasks,
    families: found.families,
    unmatched: found.unmatched,
    weighting: h.weighting,
    regularization: h.regularization,
    reference: found.reference,
    bootstrap: null,
  };
  const model = `METR's logistic fit σ(${fmt(fit.intercept)} ${fit.coefficient < 0 ? '−' : '+'} ${fmt(Math.abs(fit.coefficient))}·log₂ t) of success on human minutes t over ${plural(found.runs.length, 'run')} of ${plural(found.tasks, 'task')} in ${plural(found.families, 'family', 'families')} of ${where}, ${h.weighting} weights, regularization ${String(h.regularization)}; human times from task reference ${found.reference.id} version ${found.reference.version} signed by ${found.reference.signer}${found.unmatched > 0 ? `; ${plural(found.unmatched, 'sample')} without a human time there left out` : ''}`;
  const subject = `P${h.quantile} horizon ${minutesText(point.minutes)} (${model})`;
  const side = boundSide(rule.basis);
  if (side === null)
    return {
      observed: point.minutes,
      interval: null,
      bound: point.minutes,
      facts,
      subject,
      pValue: null,
      at: null,
    };

  const confidence = rule.confidence ?? DEFAULT_CONFIDENCE;
  const summary = bootstraps(rule.id) ?? bootstrapHorizons(found.runs, bootstrapOptions(rule));
  const sorted = summary.replicates[h.quantile === 50 ? 'p50' : 'p80'];
  // The percentiles at any confidence: the rule's for its bound, others for Holm.
  const at = (c: number): Interval => percentileInterval(sorted, c);
  const interval = sorted.length === 0 ? null : at(confidence);
  const end = interval === null ? null : side === 'lower' ? interval.low : interval.high;
  const level = side === 'lower' ? (1 - confidence) / 2 : (1 + confidence) / 2;
  const skipped = summary.resamples - summary.fitted;
  const resampled = `the ${summary.fitted.toLocaleString('en-US')} fitted of ${summary.resamples.toLocaleString('en-US')} hierarchical bootstrap resamples (family, task, run; seed ${summary.seed}${skipped > 0 ? `; ${skipped.toLocaleString('en-US')} drew no success or no failure, so had no fit, and are left out` : ''})`;
  if (interval === null || end === null || !Number.isFinite(end))
    return {
      why: `${subject}: the ${percentOf(level)} percentile of ${resampled} is ${interval === null ? 'not defined: no resample had a fit' : `unbounded: success does not fall with length in ${summary.successDoesNotFall} of them`}, so there is no ${side} bound`,
    };
  return {
    pValue: pValueOf(side, rule.operator, rule.value, at),
    at,
    observed: point.minutes,
    interval: Number.isFinite(interval.high) ? [interval.low, interval.high] : null,
    bound: end,
    facts: {
      ...facts,
      bootstrap: {
        resamples: summary.resamples,
        seed: summary.seed,
        fitted: summary.fitted,
        successDoesNotFall: summary.successDoesNotFall,
      },
    },
    subject: `${subject}; ${side} ${percentOf(confidence)} bound ${minutesText(end)}, the ${percentOf(level)} percentile of ${resampled},`,
  };
}

const NO_HORIZON: Readonly<Record<NoHorizon, string>> = {
  'success-does-not-fall': 'success does not fall with task length (β₁ ≥ 0)',
  'no-successes': 'no run succeeded',
  'no-failures': 'every run succeeded, so success never falls',
  'out-of-range': 'the fitted slope is too close to 0 for a length to be computed',
};

function noneOf(horizon: Horizon): NoHorizon {
  return horizon.kind === 'none' ? horizon.reason : 'no-successes';
}

/** "9.31 minutes", "1,440 minutes". */
export function minutesText(minutes: number): string {
  const text =
    minutes >= 100
      ? Math.round(minutes).toLocaleString('en-US')
      : minutes >= 1
        ? minutes.toPrecision(3)
        : minutes.toPrecision(2);
  return `${text} minute${text === '1.00' ? '' : 's'}`;
}

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : nouns}`;
}
