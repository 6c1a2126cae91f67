import { describe, expect, it } from 'vitest';
import { toSampleContent, VIEW_LIMITS } from './sample-view';

const base = {
  id: 1,
  epoch: 1,
  input: 'question',
  target: 'answer',
  scores: { includes: { value: 'C' } },
};

describe('a sample as the sample view shows it', () => {
  it('keeps payloads as text, escapes control and bidi characters, keeps lines and tabs', () => {
    const payload =
      '<script>alert(1)</script>\n<img src=x onerror=alert(1)>\t[x](javascript:alert(1))';
    const view = toSampleContent({
      ...base,
      messages: [
        { role: 'tool', content: `${payload}\u001b[2J\rforged line\u202eevil`, function: 'bash' },
      ],
    });
    const part = view.messages[0]?.parts[0];
    expect(part).toEqual({
      kind: 'text',
      text: `${payload}\\u{001B}[2J\\u{000D}forged line\\u{202E}evil`,
    });
  });

  it('resolves attachment references, writing a repeated one out once', () => {
    const big = 'A'.repeat(500);
    const view = toSampleContent({
      ...base,
      attachments: { abc: big },
      messages: [
        { role: 'user', content: 'attachment://abc' },
        { role: 'assistant', content: [{ type: 'text', text: 'attachment://abc' }] },
        { role: 'assistant', content: 'attachment://not-a-key' },
      ],
    });
    expect(view.messages[0]?.parts[0]).toEqual({ kind: 'text', text: big });
    expect(view.messages[1]?.parts[0]).toEqual({
      kind: 'text',
      text: '[the same attachment again, shown in full above]',
    });
    // Not a key of the attachments: the text as written.
    expect(view.messages[2]?.parts[0]).toEqual({ kind: 'text', text: 'attachment://not-a-key' });
  });

  it('names media and redacted reasoning without loading or showing their data', () => {
    const view = toSampleContent({
      ...base,
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'image', image: 'data:image/png;base64,iVBORw0KGgo=' },
            {
              type: 'reasoning',
              reasoning: 'encrypted-blob',
              redacted: true,
              summary: 'I thought',
            },
            { type: 'document', filename: 'report.pdf', document: 'data:...' },
          ],
        },
      ],
    });
    expect(view.messages[0]?.parts).toEqual([
      { kind: 'media', label: 'image' },
      { kind: 'reasoning', text: 'I thought', redacted: true },
      { kind: 'media', label: 'document report.pdf' },
    ]);
    expect(JSON.stringify(view)).not.toContain('base64');
    expect(JSON.stringify(view)).not.toContain('encrypted-blob');
  });

  it('cuts a text past the view limit and says how much more the log holds', () => {
    const long = 'x'.repeat(VIEW_LIMITS.textChars + 10);
    const view = toSampleContent({ ...base, messages: [{ role: 'tool', content: long }] });
    const part = view.messages[0]?.parts[0];
    expect(
      part?.kind === 'text' && part.text.endsWith('\n[cut: 10 more characters in the log]'),
    ).toBe(true);
    expect(view.cut).toBe(true);
  });

  it('reads odd fields the import does not check as none, not as a failure', () => {
    const view = toSampleContent({
      ...base,
      messages: [
        {
          role: 'assistant',
          content: 'hi',
          tool_calls: [{ function: 7, arguments: 'raw' }],
          model: 42,
        },
      ],
      events: [
        null,
        5,
        { event: 'tool', function: 'bash', arguments: { cmd: 'ls' }, result: 'a\nb' },
      ],
      model_usage: { m: { input_tokens: -1, output_tokens: 2.5, total_tokens: 3 } },
      total_time: Number.NaN,
    });
    expect(view.messages[0]).toMatchObject({
      model: null,
      toolCalls: [{ function: '(unnamed tool)', arguments: 'raw' }],
    });
    expect(view.events.map((e) => e.type)).toEqual(['unknown', 'unknown', 'tool']);
    expect(view.events[2]).toMatchObject({ summary: 'bash' });
    expect(view.events[2]?.detail).toContain('"cmd": "ls"');
    expect(view.usage).toEqual([
      expect.objectContaining({ inputTokens: 0, outputTokens: 0, totalTokens: 3 }),
    ]);
    expect(view.totalTime).toBeNull();
  });
});
