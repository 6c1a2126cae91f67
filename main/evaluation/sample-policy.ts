/**
 * A rule's policy for samples that ended in an error or stopped at a limit
 * (docs/evaluation.md, "Errors and limits"): take them as Inspect scored them (an errored
 * sample is unscored unless the run scored errors), count them as failures, or leave them
 * out. Samples someone invalidated after the run (Inspect's sample.invalidation) are always
 * left out: Inspect's own metrics still count them. Any policy but as-scored, and any
 * invalidated sample, recomputes the metric from the samples, so it applies to the means of
 * sample scores (accuracy, mean) only.
 */
import type { SamplePolicy, ThresholdRule } from '../../common/thresholds';
import { epochsBySample, isMeanMetric, reduceEpochs, reproducingMeans } from './bounds';
import { ruleReducer, type RuleReducer } from './rule-reducer';
import type { ModelEvidence, SampleScore } from './evidence';
import type { Candidate } from './select-evidence';

export type PolicyApplied =
  | {
      readonly candidate: Candidate;
      readonly evidence: ModelEvidence;
      /** What happened to such samples, for the sentence; null when there were none. */
      readonly text: string | null;
    }
  | { readonly why: string };

export function applySamplePolicy(
  rule: ThresholdRule,
  candidate: Candidate,
  evidence: ModelEvidence,
): PolicyApplied {
  const errors = rule.errors ?? 'as-scored';
  const limits = rule.limits ?? 'as-scored';
  const { log, metric } = candidate;
  const reducer = ruleReducer(rule);
  const scores = evidence.sampleScores(log.logId, metric.scorer);
  const invalidated = scores.some((s) => s.invalidated);
  if (!isMeanMetric(metric.metric)) {
    if (reducer !== null)
      return {
        why: `the rule's reducer applies to a mean over samples, and ${metric.metric} is not a mean of sample scores`,
      };
    if (invalidated)
      return {
        why: `samples invalidated after the run are left out, which recomputes the metric from the samples, and ${metric.metric} is not a mean of sample scores`,
      };
    return errors === 'as-scored' && limits === 'as-scored'
      ? { candidate, evidence, text: null }
      : {
          why: `the rule's policy for errored or limited samples recomputes the metric from the samples, and ${metric.metric} is not a mean of sample scores`,
        };
  }
  const text = policyText(scores, errors, limits);
  const affected = scores.some(
    (s) =>
      s.invalidated ||
      (s.errored && errors !== 'as-scored') ||
      (!s.errored && s.limited && limits !== 'as-scored'),
  );
  // The interval reads these same scores: from here, not again from the database.
  if (!affected && reducer === null)
    return { candidate, evidence: serving(evidence, candidate, scores), text };
  // Under a policy the metric is recomputed as the mean of epoch-averaged scores: only
  // where that is what the log's metric is (not another reducer's, say). A rule that names
  // its reducer defines its quantity itself.
  if (
    reducer === null &&
    (metric.recomputed === null ||
      reproducingMeans(scores, metric.recomputed, metric.n, { atLeast: 1 }) === null)
  ) {
    return {
      why: `${invalidated ? 'leaving out the samples invalidated after the run' : "the rule's policy for errored or limited samples"} recomputes ${metric.scorer}/${metric.metric} as the mean of the epoch-averaged sample scores, and those do not reproduce the log's value (another epoch reducer, or a value that cannot be recomputed)`,
    };
  }

  const adjusted = scores.flatMap((score): SampleScore[] => {
    if (score.invalidated) return [];
    const policy = score.errored ? errors : score.limited ? limits : 'as-scored';
    if (policy === 'exclude') return [];
    return [policy === 'failure' ? { ...score, numeric: 0 } : score];
  });
  const epochs = epochsBySample(adjusted);
  const counts = [...epochs.values()].map((of) => of.length);
  const short = reducer === null ? null : tooFewEpochs(counts, reducer);
  if (short !== null) return { why: short };
  const means = [...reduceEpochs(epochs, reducer?.reduce).values()];
  if (means.length === 0)
    return { why: `no sample of ${log.path} in ${log.bundleFile} is left under the rule's policy` };
  const observed = means.reduce((sum, v) => sum + v, 0) / means.length;
  return {
    candidate: { log, metric: { ...metric, recomputed: observed, n: means.length } },
    evidence: serving(evidence, candidate, adjusted),
    text: [epochsText(counts, reducer), text].filter((t) => t !== null).join(' ') || null,
  };
}

/** Why some sample has fewer scored epochs (`counts`, one per sample) than the reducer's k. */
function tooFewEpochs(counts: readonly number[], reducer: RuleReducer): string | null {
  const short = counts.filter((n) => n < reducer.epochsNeeded).length;
  if (short === 0) return null;
  return `the rule reduces epochs by ${reducer.text}, which needs at least ${reducer.epochsNeeded} scored epochs of every sample, and ${short} of ${counts.length} samples have fewer (as few as ${Math.min(...counts)})`;
}

/** "Epochs: each sample's 10 epochs reduced to one score by pass@5 (…)." */
function epochsText(counts: readonly number[], reducer: RuleReducer | null): string | null {
  if (reducer === null) return null;
  const fewest = Math.min(...counts);
  const most = Math.max(...counts);
  const over = fewest === most ? `${fewest}` : `${fewest} to ${most}`;
  return `Epochs: each sample's ${over} epochs reduced to one score by ${reducer.text}.`;
}

/** `evidence`, but the candidate's log and scorer give `scores`. */
function serving(
  evidence: ModelEvidence,
  { log, metric }: Candidate,
  scores: readonly SampleScore[],
): ModelEvidence {
  return {
    ...evidence,
    sampleScores: (logId, scorer) =>
      logId === log.logId && scorer === metric.scorer
        ? scores
        : evidence.sampleScores(logId, scorer),
  };
}

const TREATMENT: Readonly<Record<SamplePolicy, string>> = {
  'as-scored': 'taken as Inspect scored them',
  failure: 'counted as failures',
  exclude: 'left out',
};

/**
 * "Samples: 1 errored, counted as failures; 20 at a limit, left out." (or "Epochs: …" when
 * samples ran several epochs). An invalidated epoch is counted as that alone, whatever else
 * happened to it, and an errored one not also as limited.
 */
function policyText(
  scores: readonly SampleScore[],
  errors: SamplePolicy,
  limits: SamplePolicy,
): string | null {
  // Invalidation, errors and limits belong to one epoch of a sample: with several epochs
  // the counts are of epochs, and the sentence says so.
  const epochs = new Set(scores.map((s) => s.sampleId)).size < scores.length;
  const invalidated = scores.filter((s) => s.invalidated).length;
  const errored = scores.filter((s) => !s.invalidated && s.errored).length;
  const limited = scores.filter((s) => !s.invalidated && !s.errored && s.limited).length;
  const parts = [
    ...(invalidated > 0 ? [`${invalidated} invalidated after the run, left out`] : []),
    ...(errored > 0
      ? [
          `${errored} errored, ${errors === 'as-scored' ? 'taken as Inspect scored them (unscored ones left out)' : TREATMENT[errors]}`,
        ]
      : []),
    ...(limited > 0 ? [`${limited} at a limit, ${TREATMENT[limits]}`] : []),
  ];
  return parts.length === 0
    ? null
    : `${epochs ? 'Sample epochs' : 'Samples'}: ${parts.join('; ')}.`;
}
