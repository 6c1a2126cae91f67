/**
 * One sample read whole, as the sample view shows it (main/transcripts builds it from the
 * stored log): its messages, events, scores, metadata, usage and error. Every string is
 * text from the evidence, already made printable (control characters escaped, newlines and
 * tabs kept) and cut where it is longer than the view carries; the renderer shows it as
 * text and nothing else.
 */
import { z } from 'zod';

const Count = z.number().int().nonnegative();
const Seconds = z.number().nonnegative().nullable();

/** A sample is named as in its route: its log, its Inspect id and its epoch. */
export const SampleKeySchema = z.strictObject({
  logId: z.number().int().positive(),
  sampleId: z.string().min(1).max(4096),
  epoch: z.number().int().positive(),
});
export type SampleKey = z.infer<typeof SampleKeySchema>;

export const ContentPartViewSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('text'), text: z.string() }),
  /** A model's reasoning; `redacted` when the provider sent it encrypted. */
  z.strictObject({ kind: z.literal('reasoning'), text: z.string(), redacted: z.boolean() }),
  /** An image, audio, video or document: named, never loaded. */
  z.strictObject({ kind: z.literal('media'), label: z.string() }),
  /** A server-side tool the provider ran (web search…), its arguments and result as JSON. */
  z.strictObject({
    kind: z.literal('tool-use'),
    name: z.string(),
    arguments: z.string(),
    result: z.string(),
  }),
]);
export type ContentPartView = z.infer<typeof ContentPartViewSchema>;

export const ToolCallViewSchema = z.strictObject({
  id: z.string().nullable(),
  function: z.string(),
  /** The arguments as indented JSON. */
  arguments: z.string(),
});
export type ToolCallView = z.infer<typeof ToolCallViewSchema>;

export const MessageViewSchema = z.strictObject({
  /** Its position in the sample's messages, from 0: what a search hit lands on. */
  index: Count,
  role: z.string(),
  /** Which model wrote an assistant message, when the log says. */
  model: z.string().nullable(),
  parts: z.array(ContentPartViewSchema).readonly(),
  toolCalls: z.array(ToolCallViewSchema).readonly(),
  /** For a tool message: the call it answers and the tool that answered. */
  toolCallId: z.string().nullable(),
  function: z.string().nullable(),
  error: z.string().nullable(),
});
export type MessageView = z.infer<typeof MessageViewSchema>;

export const EventViewSchema = z.strictObject({
  index: Count,
  /** Inspect's event type: model, tool, sandbox, score, error, subtask, span_begin, … */
  type: z.string(),
  timestamp: z.string().nullable(),
  /** Seconds of working time when it started. */
  workingStart: z.number().nullable(),
  /** One line: what happened. */
  summary: z.string(),
  /** The rest that matters, as text (a command and its output, a model's answer). */
  detail: z.string(),
});
export type EventView = z.infer<typeof EventViewSchema>;

export const ScoreViewSchema = z.strictObject({
  scorer: z.string(),
  /** As Inspect wrote it, as JSON text. */
  value: z.string(),
  answer: z.string().nullable(),
  explanation: z.string().nullable(),
  metadata: z.string().nullable(),
});

export const UsageViewSchema = z.strictObject({
  model: z.string(),
  inputTokens: Count,
  outputTokens: Count,
  totalTokens: Count,
  cacheReadTokens: Count.nullable(),
  cacheWriteTokens: Count.nullable(),
  reasoningTokens: Count.nullable(),
});

export const SampleViewSchema = z.strictObject({
  key: SampleKeySchema,
  /** The sample's row id, and where it came from. */
  rowId: z.number().int().positive(),
  modelId: z.number().int().positive(),
  modelLabel: z.string(),
  bundleId: z.number().int().positive(),
  logPath: z.string(),
  task: z.string(),
  inspectModel: z.string(),
  /** The input as messages (a string input is one user message). */
  input: z.array(MessageViewSchema).readonly(),
  target: z.array(z.string()).readonly(),
  messages: z.array(MessageViewSchema).readonly(),
  events: z.array(EventViewSchema).readonly(),
  /** Events the log holds past those shown. */
  eventsNotShown: Count,
  scores: z.array(ScoreViewSchema).readonly(),
  /** The sample's metadata as indented JSON; null when it has none. */
  metadata: z.string().nullable(),
  usage: z.array(UsageViewSchema).readonly(),
  totalTime: Seconds,
  workingTime: Seconds,
  error: z.strictObject({ message: z.string(), traceback: z.string().nullable() }).nullable(),
  limit: z.strictObject({ type: z.string(), limit: z.number().nullable() }).nullable(),
  /** True when some text was cut to fit the view; each cut says so where it is. */
  cut: z.boolean(),
});
export type SampleView = z.infer<typeof SampleViewSchema>;
