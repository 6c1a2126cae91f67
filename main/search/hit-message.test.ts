import { describe, expect, it } from 'vitest';
import { hitMessage } from './hit-message';

/** Messages joined as the import joins them, with their starts. */
function transcript(...messages: string[]): { text: string; starts: string } {
  const starts: number[] = [];
  let text = '';
  for (const message of messages) {
    if (starts.length > 0) text += '\n\n';
    starts.push(text.length);
    text += message;
  }
  return { text, starts: JSON.stringify(starts) };
}

describe('hitMessage', () => {
  const t = transcript(
    'system:\nYou are a CTF player.',
    'assistant:\nLet me scan.\n\nnmap -sV target',
    'tool bash:\nPORT 22 open ssh\n\nCracked user password: hunter2',
    'assistant:\nThe password is hunter2.',
  );

  it('is the first message holding every word, whatever blank lines are inside messages', () => {
    expect(hitMessage(t.text, t.starts, ['cracked', 'PASSWORD'])).toBe(2);
    expect(hitMessage(t.text, t.starts, ['nmap'])).toBe(1);
    expect(hitMessage(t.text, t.starts, ['password', 'hunter2'])).toBe(2);
  });

  it('else the first holding the most words, else none', () => {
    // No message holds both: "scan" is in 1, "hunter2" and "password" in 2 and 3.
    expect(hitMessage(t.text, t.starts, ['scan', 'hunter2', 'password'])).toBe(2);
    expect(hitMessage(t.text, t.starts, ['zzyzx'])).toBeNull();
  });

  it('reads a word as typed, never as a pattern', () => {
    expect(hitMessage(t.text, t.starts, ['.*'])).toBeNull();
    expect(hitMessage(t.text, t.starts, ['-sV'])).toBe(1);
  });

  it('is not known for a sample imported before starts were kept, or whose starts were tampered with', () => {
    expect(hitMessage(t.text, null, ['nmap'])).toBeNull();
    for (const tampered of ['not json', '{}', '[]', '[1, 20]', '[0, 20, 10]', '[0, 0]', '[0, 1e9]'])
      expect(hitMessage(t.text, tampered, ['nmap']), tampered).toBeNull();
  });
});
