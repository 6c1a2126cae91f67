/* eslint-disable no-control-regex -- these tests look for raw control characters */
import { describe, expect, it } from 'vitest';
import { escapingIo, terminalText } from './io';

const HOSTILE = 'a\u001b[2Jb\rc\u0007d\u202ee\u0085f';

describe('terminalText', () => {
  it('escapes ESC, CR, BEL, C1 and bidi controls, and keeps the line breaks between lines', () => {
    expect(terminalText(`one ${HOSTILE}\ntwo\n`)).toBe(
      'one a\\u{001B}[2Jb\\u{000D}c\\u{0007}d\\u{202E}e\\u{0085}f\ntwo\n',
    );
  });

  it('keeps a JSON line valid JSON with the same value', () => {
    const line = `${JSON.stringify({ ok: false, error: { message: HOSTILE } })}\n`;
    const shown = terminalText(line);
    expect(shown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(shown.endsWith('}\n')).toBe(true);
    expect(JSON.parse(shown)).toEqual({ ok: false, error: { message: HOSTILE } });
  });

  it('escapes every write of an escaping io', () => {
    const written: string[] = [];
    const io = escapingIo({ stdout: (t) => written.push(t), stderr: (t) => written.push(t) });
    io.stdout(`${HOSTILE}\n`);
    io.stderr(HOSTILE);
    expect(written.join('')).not.toMatch(/[\u001b\r\u0007\u202e\u0085]/);
  });
});
