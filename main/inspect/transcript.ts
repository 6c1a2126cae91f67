/**
 * Chat messages as plain text, for display and full-text search. Transcripts of cyber
 * evaluations hold attack payloads (HTML, scripts, shell), so nothing here interprets
 * markup: text is copied as written and the UI renders it as text. Media (images, audio,
 * video, documents) become a bracketed placeholder; base64 data never enters the text.
 *
 * Inspect "condenses" long strings into `attachment://<hash>` references resolved from
 * `sample.attachments`; a string is a reference when it starts with that prefix and the
 * rest is a key of the attachments (the rule of Inspect's `resolve_sample_attachments`).
 * Within one stored text an attachment is written out once (SampleAttachments).
 */
import { capText } from './cap-text';
import type { ChatMessage, ContentPart } from './schema';

const ATTACHMENT_PREFIX = 'attachment://';

/** Deeper argument objects than this are written as JSON without resolving references. */
const MAX_RESOLVE_DEPTH = 32;

/** What a second reference to an attachment in the same text becomes. */
export const REPEATED_ATTACHMENT = '[the same attachment again, shown in full above]';

/** Where extracted text is counted: the log's limit and the bundle's budget. */
export interface TextCounter {
  /** Counts text about to be stored and returns it; throws once a limit is passed. */
  stored(text: string): string;
  /** Counts an attachment's content the first time a sample resolves it. */
  attached(content: string): void;
}

/**
 * One sample's attachments. Each stored text (the input, the target, the scores, the
 * transcript) gets its own resolver, which writes an attachment out in full once and
 * every later reference to it as a short marker: a transcript that repeats one 1 MiB
 * attachment 480 times stores it once, not 480 times.
 */
export class SampleAttachments {
  private readonly byKey: ReadonlyMap<string, string>;
  private readonly counted = new Set<string>();

  constructor(
    attachments: Readonly<Record<string, string>>,
    private readonly counter: TextCounter,
  ) {
    this.byKey = new Map(Object.entries(attachments));
  }

  /** A resolver for one stored text of the sample. */
  resolver(): TextResolver {
    return new TextResolver(this);
  }

  /** @internal The content of `key`, counted against the budget the first time. */
  content(key: string): string | undefined {
    const content = this.byKey.get(key);
    if (content !== undefined && !this.counted.has(key)) {
      this.counted.add(key);
      this.counter.attached(content);
    }
    return content;
  }

  /** @internal */
  stored(text: string): string {
    return this.counter.stored(text);
  }
}

export class TextResolver {
  private readonly written = new Set<string>();

  constructor(private readonly attachments: SampleAttachments) {}

  /**
   * `text` with an attachment reference replaced by the attachment's content, cut to
   * `maxChars` (cap-text.ts) when given: the cap applies to what is shown, after resolving.
   */
  text(text: string, maxChars?: number): string {
    const resolved = this.resolved(text);
    return this.attachments.stored(maxChars === undefined ? resolved : capText(resolved, maxChars));
  }

  /** Tool-call arguments as JSON, with references in string values resolved; `indent` lays it out. */
  json(value: unknown, indent?: number): string {
    // value comes from JSON.parse, so it is never undefined and stringify gives a string.
    return this.attachments.stored(JSON.stringify(this.resolveDeep(value, 0), null, indent));
  }

  private resolveDeep(value: unknown, depth: number): unknown {
    // Not counted here: the JSON holding the result is counted once, as a whole.
    if (typeof value === 'string') return this.resolved(value);
    if (depth >= MAX_RESOLVE_DEPTH || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => this.resolveDeep(item, depth + 1));
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, this.resolveDeep(item, depth + 1)]),
    );
  }

  private resolved(text: string): string {
    if (!text.startsWith(ATTACHMENT_PREFIX)) return text;
    const key = text.slice(ATTACHMENT_PREFIX.length);
    const content = this.attachments.content(key);
    if (content === undefined) return text;
    if (!this.written.has(key)) {
      this.written.add(key);
      return content;
    }
    return content.length <= REPEATED_ATTACHMENT.length ? content : REPEATED_ATTACHMENT;
  }
}

/**
 * One message as text: a `role:` line, then the content, then one line per tool call as
 * `name(arguments as JSON)`, then a tool error if there was one.
 */
export function messageText(message: ChatMessage, resolve: TextResolver): string {
  const role =
    message.role === 'tool' && message.function ? `tool ${message.function}` : message.role;
  const lines = [`${role}:`];
  const content = contentText(message.content, resolve);
  if (content !== '') lines.push(content);
  for (const call of message.tool_calls ?? []) {
    lines.push(`${call.function}(${argumentsText(call.arguments, resolve)})`);
  }
  if (message.error) lines.push(`error: ${resolve.text(message.error.message)}`);
  return lines.join('\n');
}

/** Messages as text, separated by a blank line. */
export function messagesText(messages: readonly ChatMessage[], resolve: TextResolver): string {
  return transcriptOf(messages, resolve).text;
}

/**
 * Messages as text, separated by a blank line, and where each message starts in it (UTF-16
 * offsets): a blank line may occur inside a message too, so the offsets are what tell which
 * message a search hit is in.
 */
export function transcriptOf(
  messages: readonly ChatMessage[],
  resolve: TextResolver,
): { text: string; messageStarts: number[] } {
  const messageStarts: number[] = [];
  let text = '';
  for (const message of messages) {
    if (messageStarts.length > 0) text += '\n\n';
    messageStarts.push(text.length);
    text += messageText(message, resolve);
  }
  return { text, messageStarts };
}

function contentText(content: ChatMessage['content'], resolve: TextResolver): string {
  if (typeof content === 'string') return resolve.text(content);
  return content
    .map((part) => partText(part, resolve))
    .filter((text) => text !== '')
    .join('\n');
}

function partText(part: ContentPart, resolve: TextResolver): string {
  switch (part.type) {
    case 'text':
      return resolve.text(part.text ?? '');
    case 'reasoning':
      // Redacted reasoning holds an encrypted blob, not text; its summary (if any) is text.
      if (part.redacted) return part.summary ? resolve.text(part.summary) : '[reasoning redacted]';
      return resolve.text(part.reasoning ?? '');
    case 'tool_use':
      return `${part.name ?? 'tool'}(${argumentsText(part.arguments, resolve)})${
        typeof part.result === 'string' ? `\n${resolve.text(part.result)}` : ''
      }`;
    case 'document':
      return part.filename ? `[document ${part.filename}]` : '[document]';
    default:
      // image, audio, video, data and anything newer: a placeholder, never the payload.
      return `[${part.type}]`;
  }
}

function argumentsText(args: unknown, resolve: TextResolver): string {
  if (args === undefined || args === null) return '';
  if (typeof args === 'string') return resolve.text(args);
  return resolve.json(args);
}
