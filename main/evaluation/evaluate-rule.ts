/**
 * One rule against a model's evidence (docs/evaluation.md): pick the evidence, decide
 * whether it is sufficient, compare its bound with the threshold, and say why in words.
 */
import { printable } from '../../common/text';
import type { Operator, ThresholdRule } from '../thresholds';
import {
  boundSide,
  DEFAULT_CONFIDENCE,
  percentOf,
  type IntervalMethod,
} from '../../common/thresholds';
import { bareName, resolveInterval, type IntervalResolution } from './bounds';
import { intervalAtRate, normalInterval, noSuccessUpperBound } from './intervals';
import { applySamplePolicy } from './sample-policy';
import { pValueOf } from './p-value';
import { marginOf, satisfies } from './satisfies';
import { fmt } from './format';
import type { Interval } from '../../common/comparison';
import { ruleReducer } from './rule-reducer';
import {
  decideHorizon,
  horizonRuns,
  minutesText,
  type HorizonBootstraps,
  type HorizonDecision,
} from './horizon-rule';
import { strataOf } from './strata';
import type { ModelEvidence } from './evidence';
import type {
  RuleOutcome,
  SeenEvidence,
  SourceLog,
  ValueSource,
} from '../../common/evaluation/outcome';
import {
  candidatesFor,
  claimsAbout,
  logsOfBenchmark,
  unacceptedLogsOf,
  unfinishedLogsOf,
  type Candidate,
} from './select-evidence';

const OPERATOR_TEXT: Readonly<Record<Operator, string>> = {
  '>=': '≥',
  '>': '>',
  '<=': '≤',
  '<': '<',
};

/** Horizon bounds computed elsewhere: none, so they are computed here. */
const NO_BOOTSTRAPS: HorizonBootstraps = () => undefined;

export function evaluateRule(
  rule: ThresholdRule,
  evidence: ModelEvidence,
  bootstraps: HorizonBootstraps = NO_BOOTSTRAPS,
): RuleOutcome {
  return evaluateRuleFully(rule, evidence, bootstraps).outcome;
}

/** A rule's outcome, and its interval at any confidence when it has one (for Holm's step-down). */
export function evaluateRuleFully(
  rule: ThresholdRule,
  evidence: ModelEvidence,
  bootstraps: HorizonBootstraps = NO_BOOTSTRAPS,
): { readonly outcome: RuleOutcome; readonly at: ((confidence: number) => Interval) | null } {
  return decide(rule, evidence, bootstraps);
}

function decide(
  rule: ThresholdRule,
  evidence: ModelEvidence,
  bootstraps: HorizonBootstraps,
): { readonly outcome: RuleOutcome; readonly at: ((confidence: number) => Interval) | null } {
  const header = {
    ruleId: rule.id,
    benchmark: rule.benchmark,
    metric: rule.metric,
    scorer: rule.scorer ?? null,
    operator: rule.operator,
    threshold: rule.value,
    basis: rule.basis,
    confidence: boundSide(rule.basis) === null ? null : confidenceOf(rule),
    minSamples: rule.minSamples,
  };
  const [first, ...others] = candidatesFor(rule, evidence.logs);
  if (first === undefined) {
    const outcome: RuleOutcome = {
      ...header,
      status: 'insufficient-evidence',
      observed: null,
      source: null,
      stderr: null,
      stderrSource: null,
      interval: null,
      intervalMethod: null,
      cluster: null,
      successes: null,
      bound: null,
      margin: null,
      n: null,
      sourceLog: null,
      claims: [],
      alsoSeen: [],
      pValue: null,
      familywise: null,
      horizon: null,
      strata: null,
      explanation: noEvidence(rule, evidence),
    };
    return { outcome, at: null };
  }

  // The rule's policy for errored and limited samples may recompute the metric.
  const applied = applySamplePolicy(rule, first, evidence);
  const chosen = 'why' in applied ? first : applied.candidate;
  const policy = 'why' in applied ? null : applied;
  const withPolicy = (text: string) => (policy?.text ? `${text} ${policy.text}` : text);
  const { observed, source } = valueOf(chosen);
  const n = chosen.metric.n;
  const resolution: IntervalResolution =
    observed === null || n < 2 || policy === null || rule.horizon !== undefined
      ? { interval: null, why: 'there is no observed value' }
      : resolveInterval(chosen, observed, policy.evidence, {
          reduce: ruleReducer(rule)?.reduce ?? null,
          method: rule.interval ?? 'wilson',
          confidence: confidenceOf(rule),
          cluster: rule.cluster ?? null,
        });
  const interval = resolution.interval === null ? null : resolution.interval;
  const facts = {
    observed,
    source,
    stderr: resolution.interval === null ? null : resolution.stderr,
    stderrSource: resolution.interval === null ? null : resolution.stderrSource,
    interval: interval === null ? null : ([interval[0], interval[1]] as [number, number]),
    intervalMethod: resolution.interval === null ? null : resolution.method,
    cluster: resolution.interval === null ? null : resolution.cluster,
    successes: resolution.interval === null ? null : resolution.successes,
    n,
    sourceLog: sourceLogOf(chosen),
    claims: claimsAbout(chosen).map(({ benchmark, metric, value, logValue, status }) => ({
      benchmark,
      metric,
      value,
      logValue,
      status,
    })),
    alsoSeen: others.map(seenOf),
    horizon: null,
    strata: policy === null ? null : strataFor(rule, chosen, policy.evidence),
  };
  const insufficient = (why: string) => ({
    outcome: {
      ...header,
      ...facts,
      status: 'insufficient-evidence' as const,
      bound: null,
      margin: null,
      pValue: null,
      familywise: null,
      explanation: withPolicy(why),
    },
    at: null,
  });

  if (rule.horizon !== undefined) {
    const shortfall =
      policy === null
        ? `In ${whereOf(chosen)}, ${'why' in applied ? applied.why : ''}: insufficient evidence.`
        : insufficiency({ ...rule, basis: 'point' }, chosen, others, observed, resolution);
    const decided =
      shortfall === null && policy !== null
        ? horizonOf(rule, chosen, policy.evidence, bootstraps)
        : { why: shortfall ?? noValue(chosen) };
    if ('why' in decided) return insufficient(decided.why);
    const margin = marginOf(rule.operator, decided.bound, rule.value);
    const met = satisfies(rule.operator, decided.bound, rule.value);
    const op = OPERATOR_TEXT[rule.operator];
    const outcome: RuleOutcome = {
      ...header,
      ...facts,
      observed: decided.observed,
      source: 'recomputed',
      interval: decided.interval === null ? null : [decided.interval[0], decided.interval[1]],
      intervalMethod: decided.facts.bootstrap === null ? null : 'bootstrap',
      n: decided.facts.tasks,
      horizon: decided.facts,
      status: met ? 'met' : 'not-met',
      bound: decided.bound,
      margin,
      pValue: decided.pValue,
      familywise: null,
      explanation: withPolicy(
        met
          ? `${decided.subject} is ${op} ${rule.value} minutes by ${minutesText(margin)}: met.`
          : `${decided.subject} is not ${op} ${rule.value} minutes (margin ${minutesText(margin)}): not met.`,
      ),
    };
    return { outcome, at: decided.at };
  }

  const shortfall =
    'why' in applied
      ? `In ${whereOf(chosen)}, ${applied.why}: insufficient evidence.`
      : insufficiency(rule, chosen, others, observed, resolution);
  if (shortfall !== null || observed === null || source === null)
    return insufficient(shortfall ?? noValue(chosen));

  let bound = observed;
  const side = boundSide(rule.basis);
  if (side !== null) {
    // insufficiency() has made sure a bound has its interval; never compare a NaN.
    if (interval === null) throw new Error('a bound reached comparison without an interval');
    bound = interval[side === 'lower' ? 0 : 1];
  }
  const margin = marginOf(rule.operator, bound, rule.value);
  const met = satisfies(rule.operator, bound, rule.value);
  const outcome: RuleOutcome = {
    ...header,
    ...facts,
    status: met ? 'met' : 'not-met',
    bound,
    margin,
    pValue:
      side === null || resolution.interval === null
        ? null
        : pValueOf(side, rule.operator, rule.value, resolution.at),
    familywise: null,
    explanation: withPolicy(
      comparison(rule, chosen, { observed, source, resolution, bound, margin, met }),
    ),
  };
  return { outcome, at: resolution.interval === null ? null : resolution.at };
}

/** The rule's horizon, or why it has none: too few tasks with a human time, say. */
function horizonOf(
  rule: ThresholdRule,
  chosen: Candidate,
  evidence: ModelEvidence,
  bootstraps: HorizonBootstraps,
): HorizonDecision {
  const found = horizonRuns(rule, chosen, evidence);
  if ('why' in found) return { why: `In ${whereOf(chosen)}, ${found.why}: insufficient evidence.` };
  if (found.tasks < Math.max(2, rule.minSamples))
    return {
      why: `Only ${plural(found.tasks, 'task')} of ${whereOf(chosen)} have a human time in task reference ${found.reference.id} version ${found.reference.version}${found.unmatched > 0 ? ` (${plural(found.unmatched, 'sample')} have none)` : ''}; a horizon needs at least ${Math.max(2, rule.minSamples)}: insufficient evidence.`,
    };
  const decided = decideHorizon(rule, found, whereOf(chosen), bootstraps);
  return 'why' in decided ? { why: `${decided.why}: insufficient evidence.` } : decided;
}

/** Success by task length, when a task reference covers the rule's benchmark. */
function strataFor(rule: ThresholdRule, chosen: Candidate, evidence: ModelEvidence) {
  const lookup = evidence.taskTimes(rule.benchmark);
  if (lookup.kind !== 'found') return null;
  return strataOf(evidence.sampleScores(chosen.log.logId, chosen.metric.scorer), lookup);
}

/** The two-sided confidence of the rule's interval. */
function confidenceOf(rule: ThresholdRule): number {
  return rule.confidence ?? DEFAULT_CONFIDENCE;
}

/** The recomputed value; failing that, what Inspect recorded (claimed-only). */
function valueOf(candidate: Candidate): {
  observed: number | null;
  source: ValueSource | null;
} {
  const { recomputed, claimed } = candidate.metric;
  if (recomputed !== null) return { observed: recomputed, source: 'recomputed' };
  if (claimed !== null) return { observed: claimed, source: 'claimed-only' };
  return { observed: null, source: null };
}

/**
 * Why the chosen evidence cannot decide the rule, or null when it can. The most recent
 * evidence is never passed over for an older, cleaner run: a newer run that contradicts
 * itself or its claim is for the reviewer to resolve, not for the engine to skip.
 */
function insufficiency(
  rule: ThresholdRule,
  chosen: Candidate,
  others: readonly Candidate[],
  observed: number | null,
  resolution: IntervalResolution,
): string | null {
  const { metric } = chosen;
  const where = whereOf(chosen);
  const rival = others.filter((o) => o.log === chosen.log).map((o) => o.metric.scorer);
  if (rival.length > 0) {
    return `${where} records ${rule.metric} under several scorers (${[metric.scorer, ...rival].join(', ')}) and the rule names none, so which one counts is ambiguous: insufficient evidence.`;
  }
  if (metric.status === 'differs') {
    return `In ${where}, Inspect recorded ${metric.scorer}/${metric.metric} = ${String(metric.claimed)} but the samples give ${String(metric.recomputed)}: the log contradicts itself, so it is not evidence. Insufficient evidence.`;
  }
  const disputed = claimsAbout(chosen).find((c) => c.status === 'differs');
  if (disputed !== undefined) {
    return `The bundle ${chosen.log.bundleFile} signed ${disputed.benchmark} ${disputed.metric} = ${disputed.value}, but its log ${chosen.log.path} gives ${String(disputed.logValue)}: the claim and its evidence disagree. Insufficient evidence.`;
  }
  if (observed === null) return null; // noValue() explains it
  if (metric.n < rule.minSamples) {
    return `Only ${plural(metric.n, 'sample')} in ${where} (observed ${fmt(observed)}); the rule needs at least ${rule.minSamples}: insufficient evidence.${enoughText(rule, observed, bareName(metric.metric))}`;
  }
  if (rule.basis === 'point') return null;
  if (metric.n < 2) {
    return `A ${percentOf(confidenceOf(rule))} bound needs at least two samples and ${where} has ${metric.n} (observed ${fmt(observed)}); a stderr below two samples is 0 by convention, not an estimate: insufficient evidence.${enoughText(rule, observed, bareName(metric.metric))}`;
  }
  if (resolution.interval === null) {
    return `No ${boundName(rule)}: ${resolution.why} (${where}, observed ${fmt(observed)}, n ${metric.n}). Insufficient evidence.`;
  }
  return null;
}

/** The most samples "enough evidence" looks at: beyond, it says "more than". */
const MOST_SAMPLES_NEEDED = 100_000;

/**
 * For a bound on a success rate short of samples: the fewest samples whose interval, by the
 * rule's method at exactly the rate observed (p·n of n), is clear of the threshold, and at
 * least the rule's minimum. Null past MOST_SAMPLES_NEEDED. Only for accuracy strictly
 * between 0 and 1: a mean on another scale has no such rate.
 */
function samplesNeeded(rule: ThresholdRule, observed: number): number | null {
  const method = rule.interval ?? 'wilson';
  const clear = (n: number) => {
    const { low, high } =
      method === 'wald'
        ? normalInterval(
            observed,
            Math.sqrt((observed * (1 - observed)) / n),
            confidenceOf(rule),
            [0, 1],
          )
        : intervalAtRate(method, observed, n, confidenceOf(rule));
    return low > rule.value || high < rule.value;
  };
  // At a fixed rate the interval narrows as n grows, so "clear" holds from some n on:
  // double until it holds, then halve the gap (a few dozen intervals, not 100,000).
  let low = Math.max(2, rule.minSamples) - 1;
  let high = low + 1;
  while (!clear(high)) {
    if (high >= MOST_SAMPLES_NEEDED) return null;
    low = high;
    high = Math.min(MOST_SAMPLES_NEEDED, high * 2);
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (clear(middle)) high = middle;
    else low = middle;
  }
  return high;
}

function enoughText(rule: ThresholdRule, observed: number, metric: string): string {
  if (rule.basis === 'point' || metric !== 'accuracy' || !(observed > 0 && observed < 1)) return '';
  if (observed === rule.value)
    return ' The observed rate is the threshold itself: no number of samples at that rate decides it.';
  const n = samplesNeeded(rule, observed);
  const method = METHOD_TEXT[rule.interval ?? 'wilson'];
  return n === null
    ? ` At the observed rate ${fmt(observed)}, more than ${MOST_SAMPLES_NEEDED.toLocaleString('en-US')} samples would be needed for the ${method} interval to be clear of ${rule.value}.`
    : ` At the observed rate ${fmt(observed)}, ${n} samples would put the ${method} ${percentOf(confidenceOf(rule))} interval clear of ${rule.value}.`;
}

function noEvidence(rule: ThresholdRule, evidence: ModelEvidence): string {
  const wanted = `metric "${rule.metric}"${rule.scorer === undefined ? '' : ` from scorer "${rule.scorer}"`}`;
  const unfinished = new Set(unfinishedLogsOf(rule, evidence.logs));
  const logs = logsOfBenchmark(rule.benchmark, evidence.logs).filter((l) => !unfinished.has(l));
  const found =
    logs.length === 0
      ? `No log of benchmark "${rule.benchmark}" with ${wanted}`
      : `${plural(logs.length, 'log')} of benchmark "${rule.benchmark}", but none records ${wanted}`;
  const uncounted = notCounted(rule, evidence);
  return `${found}${uncounted.length === 0 ? '' : `; ${uncounted.join('; ')}`}: insufficient evidence.`;
}

/** Why evidence of the benchmark that exists does not count (at most three reasons shown). */
function notCounted(rule: ThresholdRule, evidence: ModelEvidence): string[] {
  const { benchmark } = rule;
  const unfinished = unfinishedLogsOf(rule, evidence.logs).map(
    (log) =>
      `${log.path} in ${log.bundleFile} is a run that did not finish (status ${printable(log.status)}), and the rule does not allow partial evidence`,
  );
  const unaccepted = unacceptedLogsOf(benchmark, evidence.logs).map(
    (log) =>
      `${log.path} in ${log.bundleFile} is a run of Inspect task "${printable(log.task)}" that its bundle filed under "${benchmark}", a mapping no reviewer has accepted, so it does not count`,
  );
  const excluded = new Map<string, string>();
  for (const { log, why } of evidence.excluded) {
    if (log.task === benchmark || log.mappings.some((m) => m.benchmark === benchmark))
      excluded.set(log.bundleFile, `${log.bundleFile} was not considered: ${why}`);
  }
  const reasons = [...unfinished, ...unaccepted, ...excluded.values()];
  return reasons.length > 3
    ? [...reasons.slice(0, 3), `${reasons.length - 3} more such logs or bundles`]
    : reasons;
}

function noValue(chosen: Candidate): string {
  return `${whereOf(chosen)} holds no value for ${chosen.metric.scorer}/${chosen.metric.metric} (Inspect recorded none, or NaN, and the samples give none): insufficient evidence.`;
}

function comparison(
  rule: ThresholdRule,
  chosen: Candidate,
  result: {
    observed: number;
    source: ValueSource;
    resolution: IntervalResolution;
    bound: number;
    margin: number;
    met: boolean;
  },
): string {
  const from =
    result.source === 'recomputed'
      ? `recomputed from ${whereOf(chosen)}`
      : `claimed only: the value Inspect recorded in ${whereOf(chosen)}, which cannot be recomputed from the samples`;
  const n = `n ${chosen.metric.n}`;
  let subject: string;
  if (boundSide(rule.basis) === null) {
    subject = `Observed ${fmt(result.observed)} (${n}, ${from})`;
  } else if (result.resolution.interval !== null) {
    const r = result.resolution;
    const counted =
      r.successes === null ? n : `${r.successes} of ${chosen.metric.n} samples scored 1`;
    const stderrText =
      r.cluster !== null
        ? `, clustered by "${r.cluster.key}": ${r.cluster.clusters} clusters, stderr ${fmt(r.stderr ?? Number.NaN)}${r.cluster.effectiveN === null ? '' : `, effective n ${r.cluster.effectiveN.toFixed(1)}`}`
        : r.method === 'wald' && r.stderr !== null
          ? `, stderr ${fmt(r.stderr)}${r.stderrSource === 'samples' ? ' of the sample scores' : ''}`
          : '';
    const notes = [r.caveat, extremeNote(r.successes, chosen.metric.n, confidenceOf(rule))].filter(
      (t) => t !== null,
    );
    subject = `${METHOD_TEXT[r.method]} ${boundName(rule)} ${fmt(result.bound)} (${counted}, observed ${fmt(result.observed)}${stderrText}, ${from}${notes.map((t) => `; ${t}`).join('')})`;
  } else {
    throw new Error('a bound reached its sentence without an interval');
  }
  const op = OPERATOR_TEXT[rule.operator];
  return result.met
    ? `${subject} is ${op} ${rule.value} by ${fmt(result.margin)}: met.`
    : `${subject} is not ${op} ${rule.value} (margin ${fmt(result.margin)}): not met.`;
}

const METHOD_TEXT: Readonly<Record<IntervalMethod, string>> = {
  wilson: 'Wilson',
  'clopper-pearson': 'Clopper–Pearson (exact)',
  jeffreys: 'Jeffreys',
  wald: 'Wald',
};

/**
 * At 0 (or n) of n, what a reader checks a bound against: the one-sided bound at the rule's
 * confidence, 1 − α^(1/n), which at 95% is about 3/n (the rule of three).
 */
function extremeNote(successes: number | null, n: number, confidence: number): string | null {
  if (successes !== 0 && successes !== n) return null;
  // Each end of the two-sided interval is one-sided at (1 + c)/2: 97.5% at 95%.
  const endLevel = (1 + confidence) / 2;
  const alpha = (level: number) => String(Math.round((1 - level) * 10_000) / 10_000);
  const bound = (level: number) => fmt(noSuccessUpperBound(n, level));
  const three =
    confidence === DEFAULT_CONFIDENCE
      ? `; the one-sided 95% bound 1 − 0.05^(1/${n}) = ${bound(0.95)} is about 3/n (the rule of three)`
      : '';
  const side = successes === 0 ? 'upper' : 'lower';
  const value =
    successes === 0
      ? `1 − ${alpha(endLevel)}^(1/${n}) = ${bound(endLevel)}`
      : `${alpha(endLevel)}^(1/${n}) = ${fmt(1 - noSuccessUpperBound(n, endLevel))}`;
  return `with ${successes === 0 ? 'none' : 'all'} scored 1, the exact one-sided ${percentOf(endLevel)} ${side} bound (each end of a ${percentOf(confidence)} interval is one-sided ${percentOf(endLevel)}) is ${value}${successes === 0 ? three : ''}`;
}

function boundName(rule: ThresholdRule): string {
  return `${boundSide(rule.basis) ?? 'observed'} ${percentOf(confidenceOf(rule))} bound`;
}

function whereOf(candidate: Candidate): string {
  return `${candidate.log.path} in ${candidate.log.bundleFile}`;
}

function sourceLogOf({ log, metric }: Candidate): SourceLog {
  return {
    bundleId: log.bundleId,
    bundleFile: log.bundleFile,
    evaluator: { ...log.evaluator },
    runFinishedOn: log.runFinishedOn,
    logPath: log.path,
    task: log.task,
    scorer: metric.scorer,
  };
}

function seenOf(candidate: Candidate): SeenEvidence {
  const { observed, source } = valueOf(candidate);
  return { ...sourceLogOf(candidate), observed, source, n: candidate.metric.n };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
