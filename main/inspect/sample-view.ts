/**
 * One Inspect sample, read whole (readInspectSample), as the sample view shows it: messages
 * with their parts and tool calls, events with a line each, every scorer, metadata, usage,
 * error and limit. The import validated the sample; the fields it does not keep (events,
 * tool-call ids, the writing model) are read here leniently, so an odd value becomes "none"
 * rather than hiding the whole transcript.
 *
 * Nothing is interpreted: texts are copied, attachment references resolved (once each, as
 * on import), control characters escaped (printableLines) and long texts cut with a line
 * that says so. The whole view is bounded (VIEW_LIMITS), since it crosses to the window.
 */
import { z } from 'zod';
import { printable, printableLines } from '../../common/text';
import type {
  ContentPartView,
  EventView,
  MessageView,
  SampleView,
  ToolCallView,
} from '../../common/transcripts';
import { capText } from './cap-text';
import { finiteOrNull } from './finite';
import { SampleAttachments, type TextResolver } from './transcript';

export const VIEW_LIMITS = {
  /** One text (a message, a tool's output): past this it is cut, saying how much more. */
  textChars: 1024 * 1024,
  /** An event's detail: events repeat what messages say, so they get less. */
  eventDetailChars: 16 * 1024,
  /** Events shown; the rest are counted. */
  events: 5000,
  /** All text of the view; past it, texts are replaced by a line saying why. */
  viewChars: 16 * 1024 * 1024,
} as const;

/** What the view shows of the sample; the service adds where it came from. */
export type SampleContent = Omit<
  SampleView,
  'key' | 'rowId' | 'modelId' | 'modelLabel' | 'bundleId' | 'logPath' | 'task' | 'inspectModel'
>;

const Text = z.string().nullish().catch(null);
const Flag = z.boolean().nullish().catch(null);
const Number_ = z.number().nullish().catch(null);

const PartSchema = z.looseObject({
  type: z.string().catch('unknown'),
  text: Text,
  reasoning: Text,
  summary: Text,
  redacted: Flag,
  name: Text,
  arguments: z.unknown().optional(),
  result: z.unknown().optional(),
  filename: Text,
});

const ToolCallSchema = z.looseObject({
  id: Text,
  function: z.string().catch('(unnamed tool)'),
  arguments: z.unknown().optional(),
});

const MessageSchema = z.looseObject({
  role: z.string().catch('unknown'),
  content: z.union([z.string(), z.array(PartSchema)]).catch(''),
  tool_calls: z.array(ToolCallSchema).nullish().catch(null),
  tool_call_id: Text,
  function: Text,
  model: Text,
  error: z
    .looseObject({ message: z.string().catch('') })
    .nullish()
    .catch(null),
});
type Message = z.infer<typeof MessageSchema>;

const UsageSchema = z.looseObject({
  input_tokens: Number_,
  output_tokens: Number_,
  total_tokens: Number_,
  input_tokens_cache_read: Number_,
  input_tokens_cache_write: Number_,
  reasoning_tokens: Number_,
});

const SampleSchema = z.looseObject({
  input: z.union([z.string(), z.array(MessageSchema)]).catch(''),
  target: z
    .union([z.string(), z.array(z.string())])
    .nullish()
    .catch(null),
  messages: z.array(MessageSchema).nullish().catch(null),
  events: z.array(z.unknown()).nullish().catch(null),
  scores: z
    .record(
      z.string(),
      z.looseObject({
        value: z.unknown().optional(),
        answer: Text,
        explanation: Text,
        metadata: z.unknown().optional(),
      }),
    )
    .nullish()
    .catch(null),
  metadata: z.unknown().optional(),
  model_usage: z.record(z.string(), UsageSchema).nullish().catch(null),
  total_time: Number_,
  working_time: Number_,
  error: z
    .looseObject({ message: z.string().catch(''), traceback: Text })
    .nullish()
    .catch(null),
  limit: z
    .looseObject({ type: z.string().catch('unknown'), limit: Number_ })
    .nullish()
    .catch(null),
  attachments: z.record(z.string(), z.string()).nullish().catch(null),
});

/** Counts the view's text and cuts what does not fit. */
class ViewText {
  used = 0;
  cut = false;

  constructor(private readonly resolve: TextResolver) {}

  /** `raw` resolved, made printable and cut to `max` characters. */
  text(raw: string, max: number = VIEW_LIMITS.textChars): string {
    return this.fit(this.resolve.text(raw), max);
  }

  /** `value` as indented JSON, references resolved. */
  json(value: unknown, max: number = VIEW_LIMITS.textChars): string {
    if (value === undefined) return '';
    return this.fit(this.resolve.json(value, 2), max);
  }

  /** `raw` with an attachment reference resolved, not yet counted or cut. */
  resolved(raw: string): string {
    return this.resolve.text(raw);
  }

  /** A short label (a role, a tool's name): one line, printable. */
  label(raw: string): string {
    return printable(capText(raw, 200).replace(/\n/g, ' '));
  }

  private fit(text: string, max: number): string {
    let shown = text.length > max ? capText(text, max) : text;
    if (shown !== text) this.cut = true;
    if (this.used + shown.length > VIEW_LIMITS.viewChars) {
      this.cut = true;
      shown = `[not shown: this sample holds more text than the viewer shows at once (${VIEW_LIMITS.viewChars} characters); the log has it all]`;
    }
    this.used += shown.length;
    return printableLines(shown);
  }
}

/** Texts are not counted against an import's budget here: the view has its own (ViewText). */
const UNCOUNTED = { stored: (text: string) => text, attached: () => undefined };

export function toSampleContent(raw: Record<string, unknown>): SampleContent {
  const sample = SampleSchema.parse(raw);
  const attachments = new SampleAttachments(sample.attachments ?? {}, UNCOUNTED);
  const view = new ViewText(attachments.resolver());
  const input =
    typeof sample.input === 'string'
      ? [messageView({ role: 'user', content: sample.input }, 0, view)]
      : sample.input.map((m, i) => messageView(m, i, view));
  const messages = (sample.messages ?? []).map((m, i) => messageView(m, i, view));
  const rawEvents = sample.events ?? [];
  const events = rawEvents.slice(0, VIEW_LIMITS.events).map((e, i) => eventView(e, i, view));
  const target = sample.target == null ? [] : [sample.target].flat().map((t) => view.text(t));
  const scores = Object.entries(sample.scores ?? {}).map(([scorer, score]) => ({
    scorer: view.label(scorer),
    value: view.json(score.value ?? null).replace(/\s*\n\s*/g, ' '),
    answer: score.answer == null ? null : view.text(score.answer),
    explanation: score.explanation == null ? null : view.text(score.explanation),
    metadata: isEmpty(score.metadata) ? null : view.json(score.metadata),
  }));
  return {
    input,
    target,
    messages,
    events,
    eventsNotShown: rawEvents.length - events.length,
    scores,
    metadata: isEmpty(sample.metadata) ? null : view.json(sample.metadata),
    usage: Object.entries(sample.model_usage ?? {}).map(([model, usage]) => ({
      model: view.label(model),
      inputTokens: count(usage.input_tokens) ?? 0,
      outputTokens: count(usage.output_tokens) ?? 0,
      totalTokens: count(usage.total_tokens) ?? 0,
      cacheReadTokens: count(usage.input_tokens_cache_read),
      cacheWriteTokens: count(usage.input_tokens_cache_write),
      reasoningTokens: count(usage.reasoning_tokens),
    })),
    totalTime: seconds(sample.total_time),
    workingTime: seconds(sample.working_time),
    error: sample.error
      ? {
          message: view.text(sample.error.message),
          traceback: sample.error.traceback == null ? null : view.text(sample.error.traceback),
        }
      : null,
    limit: sample.limit
      ? { type: view.label(sample.limit.type), limit: finiteOrNull(sample.limit.limit ?? null) }
      : null,
    cut: view.cut,
  };
}

function messageView(message: Message, index: number, view: ViewText): MessageView {
  const parts: ContentPartView[] =
    typeof message.content === 'string'
      ? message.content === ''
        ? []
        : [{ kind: 'text', text: view.text(message.content) }]
      : message.content.map((part) => partView(part, view));
  return {
    index,
    role: view.label(message.role),
    model: message.model == null ? null : view.label(message.model),
    parts,
    toolCalls: (message.tool_calls ?? []).map((call): ToolCallView => ({
      id: call.id == null ? null : view.label(call.id),
      function: view.label(call.function),
      arguments:
        typeof call.arguments === 'string' ? view.text(call.arguments) : view.json(call.arguments),
    })),
    toolCallId: message.tool_call_id == null ? null : view.label(message.tool_call_id),
    function: message.function == null ? null : view.label(message.function),
    error: message.error ? view.text(message.error.message) : null,
  };
}

function partView(part: z.infer<typeof PartSchema>, view: ViewText): ContentPartView {
  switch (part.type) {
    case 'text':
      return { kind: 'text', text: view.text(part.text ?? '') };
    case 'reasoning':
      // Redacted reasoning is an encrypted blob; its summary, if any, is text.
      return part.redacted
        ? { kind: 'reasoning', text: view.text(part.summary ?? ''), redacted: true }
        : { kind: 'reasoning', text: view.text(part.reasoning ?? ''), redacted: false };
    case 'tool_use':
      return {
        kind: 'tool-use',
        name: view.label(part.name ?? 'tool'),
        arguments: view.json(part.arguments ?? null),
        result: typeof part.result === 'string' ? view.text(part.result) : view.json(part.result),
      };
    default:
      // image, audio, video, document, data and anything newer: named, never loaded.
      return {
        kind: 'media',
        label: view.label(part.filename ? `${part.type} ${part.filename}` : part.type),
      };
  }
}

const EventSchema = z.looseObject({
  event: z.string().catch('unknown'),
  timestamp: Text,
  working_start: Number_,
});

/** Fields every event has: not repeated in its detail. */
const COMMON_EVENT_FIELDS = new Set([
  'event',
  'timestamp',
  'working_start',
  'span_id',
  'uuid',
  'pending',
  'metadata',
]);

function eventView(raw: unknown, index: number, view: ViewText): EventView {
  const parsed = EventSchema.safeParse(raw);
  const event = parsed.success ? parsed.data : { event: 'unknown', timestamp: null };
  const fields = event as Record<string, unknown>;
  const { summary, detail } = describeEvent(event.event, fields, view);
  return {
    index,
    type: view.label(event.event),
    timestamp: event.timestamp == null ? null : view.label(event.timestamp),
    workingStart: parsed.success ? finiteOrNull(parsed.data.working_start ?? null) : null,
    summary: view.label(summary),
    detail: detail ?? restOf(fields, view),
  };
}

/** The event's line, and its detail when a type has a better one than its fields as JSON. */
function describeEvent(
  type: string,
  e: Record<string, unknown>,
  view: ViewText,
): { summary: string; detail?: string } {
  const max = VIEW_LIMITS.eventDetailChars;
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  const obj = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  switch (type) {
    case 'model': {
      const choice = obj((obj(e.output).choices as unknown[] | undefined)?.[0]);
      const message = MessageSchema.safeParse(choice.message);
      const answer = message.success ? messageText(message.data, view) : '';
      return {
        summary: `${str(e.model)}${e.error ? ` failed: ${str(e.error)}` : ''}`,
        detail: view.text(answer, max),
      };
    }
    case 'tool': {
      const result = typeof e.result === 'string' ? e.result : JSON.stringify(e.result ?? null);
      const error = str(obj(e.error).message);
      return {
        summary: `${str(e.function)}${error ? ` (error: ${error})` : ''}`,
        detail: `${view.json(e.arguments ?? null, max)}\n${view.text(result, max)}`,
      };
    }
    case 'sandbox':
      return {
        summary: `${str(e.action)} ${str(e.cmd) || str(e.file)}`,
        detail: view.text(
          [str(e.cmd), str(e.input), str(e.output), str(e.result)].filter(Boolean).join('\n'),
          max,
        ),
      };
    case 'score':
      return {
        summary: `score ${JSON.stringify(obj(e.score).value ?? null)}`,
        detail: view.text(str(obj(e.score).explanation) || str(obj(e.score).answer), max),
      };
    case 'error':
      return {
        summary: str(obj(e.error).message),
        detail: view.text(str(obj(e.error).traceback), max),
      };
    case 'sample_limit':
      return { summary: `${str(e.type)} limit: ${str(e.message)}`, detail: '' };
    case 'logger':
      return {
        summary: `${str(obj(e.message).level)}: ${str(obj(e.message).message)}`,
        detail: '',
      };
    case 'span_begin':
    case 'span_end':
    case 'step':
      return { summary: [str(e.type), str(e.name)].filter(Boolean).join(' '), detail: '' };
    case 'subtask':
      return { summary: `subtask ${str(e.name)}` };
    case 'approval':
      return {
        summary: `${str(e.decision)} by ${str(e.approver)}`,
        detail: view.text(str(e.explanation), max),
      };
    default:
      return { summary: type };
  }
}

/** An assistant message as plain lines: its text, then its tool calls. */
function messageText(message: Message, view: ViewText): string {
  const text =
    typeof message.content === 'string'
      ? view.resolved(message.content)
      : message.content.map((p) => view.resolved(p.text ?? p.reasoning ?? '')).join('\n');
  const calls = (message.tool_calls ?? []).map(
    (c) => `${c.function}(${JSON.stringify(c.arguments ?? null)})`,
  );
  return [text, ...calls].filter(Boolean).join('\n');
}

/** An event's own fields as indented JSON. */
function restOf(fields: Record<string, unknown>, view: ViewText): string {
  const rest = Object.fromEntries(
    Object.entries(fields).filter(([key]) => !COMMON_EVENT_FIELDS.has(key)),
  );
  return Object.keys(rest).length === 0 ? '' : view.json(rest, VIEW_LIMITS.eventDetailChars);
}

function isEmpty(value: unknown): boolean {
  return value == null || (typeof value === 'object' && Object.keys(value).length === 0);
}

function count(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function seconds(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}
