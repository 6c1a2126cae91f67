/**
 * One Inspect sample (one sample in one epoch) reduced to what a reviewer browses and
 * searches: text with attachments resolved, scores, usage, timing, error, limit and sandbox.
 */
import { capText, MAX_MESSAGE_CHARS, MAX_NAME_CHARS, storeCapped } from './cap-text';
import { finiteOrNull } from './finite';
import { toInspectSandbox } from './sandbox';
import type { EvalSample } from './schema';
import {
  messagesText,
  SampleAttachments,
  transcriptOf,
  type TextCounter,
  type TextResolver,
} from './transcript';
import type { InspectSample, SampleInvalidation, SampleScore } from './types';
import { valueToFloat } from './value-to-float';

export function toInspectSample(sample: EvalSample, counter: TextCounter): InspectSample {
  const attachments = new SampleAttachments(sample.attachments ?? {}, counter);
  // One resolver per stored text: each writes an attachment out in full once.
  const input = attachments.resolver();
  const scoreText = attachments.resolver();
  const messages = sample.messages ?? [];
  const transcript = transcriptOf(messages, attachments.resolver());
  return {
    id: String(sample.id),
    epoch: sample.epoch,
    input:
      typeof sample.input === 'string'
        ? input.text(sample.input)
        : messagesText(sample.input, input),
    target: targetText(sample.target, attachments.resolver()),
    scores: Object.fromEntries(
      Object.entries(sample.scores ?? {}).map(([scorer, score]): [string, SampleScore] => [
        scorer,
        {
          value: score.value,
          numeric: finiteOrNull(valueToFloat(score.value)),
          answer: score.answer == null ? null : scoreText.text(score.answer),
          explanation: score.explanation == null ? null : scoreText.text(score.explanation),
        },
      ]),
    ),
    modelUsage: totalUsage(sample.model_usage ?? {}),
    totalTime: finiteOrNull(sample.total_time),
    workingTime: finiteOrNull(sample.working_time),
    error: sample.error ? scoreText.text(sample.error.message, MAX_MESSAGE_CHARS) : null,
    limit: sample.limit ? counter.stored(limitText(sample.limit)) : null,
    limitType: sample.limit ? storeCapped(counter, sample.limit.type, MAX_NAME_CHARS) : null,
    limitValue: finiteOrNull(sample.limit?.limit),
    sandbox: sample.sandbox ? toInspectSandbox(sample.sandbox, counter) : null,
    metadata: scalarMetadata(sample.metadata ?? {}, counter),
    messageCount: messages.length,
    errorRetries: sample.error_retries?.length ?? 0,
    invalidation: invalidationOf(sample.invalidation, counter),
    transcript: transcript.text,
    messageStarts: transcript.messageStarts,
  };
}

/** A sample is invalid once anything is recorded as its invalidation, details or not. */
function invalidationOf(value: unknown, counter: TextCounter): SampleInvalidation | null {
  if (value === undefined || value === null) return null;
  const field = (key: string): string | null => {
    const text: unknown =
      typeof value === 'object' && Object.hasOwn(value, key)
        ? (value as Record<string, unknown>)[key]
        : null;
    return typeof text === 'string' ? storeCapped(counter, text, MAX_NAME_CHARS) : null;
  };
  return { timestamp: field('timestamp'), author: field('author'), reason: field('reason') };
}

/** Keys past this many are dropped: real datasets carry a handful, a hostile one millions. */
const MAX_METADATA_KEYS = 64;

/** The scalar values of a sample's metadata; lists, objects, nulls and NaN are left out. */
function scalarMetadata(
  metadata: Readonly<Record<string, unknown>>,
  counter: TextCounter,
): Record<string, string | number | boolean> {
  // Entries, not assignments: a key named __proto__ stays a key (Object.fromEntries defines it).
  const kept: [string, string | number | boolean][] = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (kept.length === MAX_METADATA_KEYS) break;
    const scalar =
      typeof value === 'string'
        ? storeCapped(counter, value, MAX_NAME_CHARS)
        : typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
          ? value
          : undefined;
    if (scalar !== undefined) kept.push([storeCapped(counter, key, MAX_NAME_CHARS), scalar]);
  }
  return Object.fromEntries(kept);
}

/** A list of targets (any one of them acceptable) is one per line. */
function targetText(target: EvalSample['target'], resolve: TextResolver): string {
  if (target == null) return '';
  if (typeof target === 'string') return resolve.text(target);
  return target.map((t) => resolve.text(t)).join('\n');
}

/** Tokens summed over every model the sample used (solver, grader, ...). */
function totalUsage(usage: NonNullable<EvalSample['model_usage']>): InspectSample['modelUsage'] {
  let inputTokens = 0;
  let outputTokens = 0;
  let totalTokens = 0;
  for (const model of Object.values(usage)) {
    inputTokens += finiteOrNull(model.input_tokens) ?? 0;
    outputTokens += finiteOrNull(model.output_tokens) ?? 0;
    totalTokens += finiteOrNull(model.total_tokens) ?? 0;
  }
  return { inputTokens, outputTokens, totalTokens };
}

/** e.g. "token limit 200000", "time limit 3600", "operator limit". */
function limitText(limit: NonNullable<EvalSample['limit']>): string {
  const type = capText(limit.type, MAX_NAME_CHARS);
  const value = finiteOrNull(limit.limit);
  return value === null ? `${type} limit` : `${type} limit ${value}`;
}
