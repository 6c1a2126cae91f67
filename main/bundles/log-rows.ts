/**
 * The rows a read Inspect log becomes: what the import writes and what `desk doctor`
 * re-derives from the evidence to compare with what is stored, so the two cannot drift.
 * No imports beyond types: the doctor's re-read worker loads this module on its own.
 */
import type { LogRow, SampleRowInput, StoredScoreRow } from '../../db';
import type { RunFacts } from '../../common/bundles';
import type { InspectLog, InspectSample } from '../inspect';

export type LogColumns = Omit<LogRow, 'id' | 'sampleCount' | 'path' | 'sha256'>;
export type SampleColumns = Omit<SampleRowInput, 'logId'>;

/** A score's row; its value is JSON (numbers, strings, lists and dictionaries alike). */
export type ScoreColumns = StoredScoreRow;

export function logColumns(log: InspectLog): LogColumns {
  return {
    format: log.format,
    headerSource: log.headerSource,
    task: log.task,
    taskVersion: log.taskVersion === null ? null : String(log.taskVersion),
    model: log.model,
    datasetName: log.dataset.name,
    status: log.status,
    totalSamples: log.totalSamples,
    completedSamples: log.completedSamples,
    runFacts: JSON.stringify(runFacts(log)),
  };
}

/** What is stored of how the run went (common/bundles RunFactsSchema). */
export function runFacts(log: InspectLog): RunFacts {
  return { ...log.run, samples: log.sampleCounts, partialMetrics: log.partialMetrics };
}

export function sampleColumns(sample: InspectSample): SampleColumns {
  return {
    sampleId: sample.id,
    epoch: sample.epoch,
    input: sample.input,
    target: sample.target,
    error: sample.error,
    limitHit: sample.limit,
    limitType: sample.limitType,
    metadata: JSON.stringify(sample.metadata),
    messageCount: sample.messageCount,
    messageStarts: JSON.stringify(sample.messageStarts),
    errorRetries: sample.errorRetries,
    invalidation: sample.invalidation === null ? null : JSON.stringify(sample.invalidation),
    inputTokens: sample.modelUsage.inputTokens,
    outputTokens: sample.modelUsage.outputTokens,
    totalTokens: sample.modelUsage.totalTokens,
    totalTime: sample.totalTime,
    workingTime: sample.workingTime,
  };
}

export function scoreColumns(sample: InspectSample): ScoreColumns[] {
  return Object.entries(sample.scores).map(([scorer, score]) => ({
    scorer,
    value: JSON.stringify(score.value ?? null),
    numeric: score.numeric,
    answer: score.answer,
    explanation: score.explanation,
  }));
}
