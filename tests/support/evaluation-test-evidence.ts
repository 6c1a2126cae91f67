/**
 * Hand-made evidence and threshold sets for the engine's tests. Only tests import this.
 */
import type { DesignationRule, ThresholdRule, ThresholdSet } from '../../main/thresholds';
import type {
  EvidenceLog,
  EvidenceMetric,
  ModelEvidence,
  SampleScore,
  TaskTimesLookup,
} from '../../main/evaluation';
import type { ClusterId } from '../../main/inspect';

export function evidenceLog(overrides: Partial<EvidenceLog> = {}): EvidenceLog {
  return {
    logId: 1,
    bundleId: 1,
    bundleFile: 'run.evbundle',
    evaluator: { id: 'lab', name: 'Test Lab', claimedName: 'Test Lab' },
    runFinishedOn: '2026-03-01T10:00:00Z',
    path: 'logs/cybench.eval',
    task: 'cybench',
    status: 'success',
    mappings: [],
    metrics: [],
    claims: [],
    ...overrides,
  };
}

/** A recomputed metric that matches its claim. */
export function metric(
  scorer: string,
  name: string,
  value: number,
  n: number,
  overrides: Partial<EvidenceMetric> = {},
): EvidenceMetric {
  return {
    scorer,
    metric: name,
    claimed: value,
    recomputed: value,
    n,
    status: 'match',
    ...overrides,
  };
}

export function modelEvidence(
  logs: readonly EvidenceLog[],
  samples: Readonly<Record<string, readonly SampleScore[]>> = {},
  /** By "logId/key": each sample id's value of that metadata key. */
  clusters: Readonly<Record<string, Readonly<Record<string, ClusterId | null>>>> = {},
  /** By benchmark: its task reference. */
  taskTimes: Readonly<Record<string, TaskTimesLookup>> = {},
): ModelEvidence & { readonly sampleReads: string[] } {
  const sampleReads: string[] = [];
  return {
    model: { developer: 'Acme AI', name: 'frontier-1', version: '2026-10' },
    logs,
    excluded: [],
    sampleReads,
    sampleScores: (logId, scorer) => {
      sampleReads.push(`${logId}/${scorer}`);
      return samples[`${logId}/${scorer}`] ?? [];
    },
    taskTimes: (benchmark) => taskTimes[benchmark] ?? { kind: 'none' },
    sampleClusters: (logId, key) => new Map(Object.entries(clusters[`${logId}/${key}`] ?? {})),
  };
}

/** One score per sample (epoch 1), ids s1, s2, … */
export function scores(...values: (number | null)[]): SampleScore[] {
  return values.map((numeric, i) => ({
    sampleId: `s${i + 1}`,
    epoch: 1,
    numeric,
    errored: false,
    limited: false,
    invalidated: false,
  }));
}

export function rule(overrides: Partial<ThresholdRule> = {}): ThresholdRule {
  return {
    id: 'r1',
    benchmark: 'cybench',
    metric: 'accuracy',
    operator: '>=',
    value: 0.5,
    basis: 'point',
    minSamples: 1,
    ...overrides,
  };
}

export function thresholdSet(
  rules: readonly ThresholdRule[],
  designation: DesignationRule = { kind: 'any' },
): ThresholdSet {
  return {
    type: 'designation-desk/threshold-set/v1',
    id: 'cyber-2026',
    version: 3,
    name: 'Cyber capability thresholds 2026',
    notes: '',
    rules: [...rules],
    designation,
  };
}
