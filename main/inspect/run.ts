/**
 * The facts of a run a reviewer needs to judge how it went, from the header
 * (inspect_ai/log/_log.py: EvalSpec, EvalConfig, EvalPlan, EvalStats, EvalError) and from
 * the samples. Every string is counted as stored text of the log, and capped (cap-text.ts).
 */
import { MAX_MESSAGE_CHARS, MAX_NAME_CHARS, MAX_TRACEBACK_CHARS, storeCapped } from './cap-text';
import { finiteOrNull } from './finite';
import { toInspectSandbox } from './sandbox';
import type { EvalHeader, ModelUsage } from './schema';
import { durationSeconds } from './timestamps';
import type { TextCounter } from './transcript';
import type {
  InspectRun,
  InspectSample,
  InspectSandbox,
  LimitHits,
  ModelTokenUsage,
  RunError,
  RunLimits,
  SampleCounts,
} from './types';

export function toInspectRun(
  header: EvalHeader,
  samples: readonly InspectSample[],
  counter: TextCounter,
): InspectRun {
  const spec = header.eval;
  const name = (text: string) => storeCapped(counter, text, MAX_NAME_CHARS);
  // When the run was given a solver (`--solver`), the plan is that solver's; its name is
  // what the run was asked to use (TaskLogger in inspect_ai/_eval/task/log.py).
  const solvers = spec.solver
    ? [name(spec.solver)]
    : (header.plan?.steps ?? []).map((step) => name(step.solver));
  const startedAt = recordedTime(header.stats?.started_at, counter);
  const completedAt = recordedTime(header.stats?.completed_at, counter);
  return {
    solvers,
    limits: runLimits(spec.config),
    epochs: spec.config?.epochs ?? null,
    sandbox: spec.sandbox ? toInspectSandbox(spec.sandbox, counter) : null,
    sampleSandboxes: distinctSandboxes(samples),
    modelUsage: Object.entries(header.stats?.model_usage ?? {}).map(([model, usage]) =>
      tokenUsage(name(model), usage),
    ),
    startedAt,
    completedAt,
    durationSeconds: durationSeconds(startedAt, completedAt),
    error: header.error ? runError(header.error, counter) : null,
  };
}

export function sampleCounts(samples: readonly InspectSample[]): SampleCounts {
  const errored = samples.filter((s) => s.error !== null).length;
  const byType = new Map<string, { samples: number; values: Set<number> }>();
  for (const { limitType, limitValue } of samples) {
    if (limitType === null) continue;
    const hits = byType.get(limitType) ?? { samples: 0, values: new Set<number>() };
    hits.samples += 1;
    if (limitValue !== null) hits.values.add(limitValue);
    byType.set(limitType, hits);
  }
  const limitsHit = [...byType.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([type, hits]): LimitHits => ({
      type,
      samples: hits.samples,
      values: [...hits.values].sort((a, b) => a - b),
    }));
  return { total: samples.length, completed: samples.length - errored, errored, limitsHit };
}

function runLimits(config: EvalHeader['eval']['config']): RunLimits {
  return {
    // Inspect's reader moves a truthy max_messages (the old name) into message_limit.
    message: finiteOrNull(config?.max_messages || config?.message_limit),
    token: finiteOrNull(config?.token_limit),
    time: finiteOrNull(config?.time_limit),
    working: finiteOrNull(config?.working_limit),
    cost: finiteOrNull(config?.cost_limit),
  };
}

/** Inspect writes "" for a time it never set (a run interrupted before it started or ended). */
function recordedTime(time: string | null | undefined, counter: TextCounter): string | null {
  return time ? storeCapped(counter, time, MAX_NAME_CHARS) : null;
}

function distinctSandboxes(samples: readonly InspectSample[]): InspectSandbox[] {
  const seen = new Map<string, InspectSandbox>();
  for (const { sandbox } of samples) {
    if (sandbox === null) continue;
    const key = JSON.stringify([sandbox.type, sandbox.configFile]);
    if (!seen.has(key)) seen.set(key, sandbox);
  }
  return [...seen.values()];
}

function tokenUsage(model: string, usage: ModelUsage): ModelTokenUsage {
  return {
    model,
    inputTokens: finiteOrNull(usage.input_tokens) ?? 0,
    outputTokens: finiteOrNull(usage.output_tokens) ?? 0,
    totalTokens: finiteOrNull(usage.total_tokens) ?? 0,
    reasoningTokens: finiteOrNull(usage.reasoning_tokens),
    inputTokensCacheRead: finiteOrNull(usage.input_tokens_cache_read),
    inputTokensCacheWrite: finiteOrNull(usage.input_tokens_cache_write),
  };
}

function runError(error: NonNullable<EvalHeader['error']>, counter: TextCounter): RunError {
  return {
    message: storeCapped(counter, error.message, MAX_MESSAGE_CHARS),
    traceback: error.traceback ? storeCapped(counter, error.traceback, MAX_TRACEBACK_CHARS) : null,
  };
}
