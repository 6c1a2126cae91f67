import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawZip, type RawEntry } from '../../tests/support/raw-zip';
import { useTempDirs } from '../../tests/support/temp-dir';
import { collisionKey, entryName } from './entry-name';
import { SafeZip } from './index';

describe('collision keys', () => {
  it.each([
    ['ſ', 's'],
    ['ß', 'SS'],
    ['ß', 'ss'],
    ['ς', 'σ'],
    ['ς', 'Σ'],
    ['ﬁ', 'fi'],
    ['ＬＯＧ', 'log'],
    ['K', 'k'], // Kelvin sign
    ['é', 'e\u0301'], // composed and decomposed
    ['a\u00adb', 'ab'], // a soft hyphen is default-ignorable
  ])('%s and %s collide', (a, b) => {
    expect(collisionKey(`logs/${a}.json`)).toBe(collisionKey(`logs/${b}.json`));
  });

  it('keeps names apart that differ in more than case and form', () => {
    expect(collisionKey('logs/a.json')).not.toBe(collisionKey('logs/b.json'));
    expect(collisionKey('logs/ß.json')).not.toBe(collisionKey('logs/s.json'));
  });
});

describe('entry names', () => {
  const problem = (name: string) => entryName(Buffer.from(name, 'utf8')).problem;

  it.each([
    'CON',
    'logs/con.json',
    'logs/Nul.tar.gz',
    'PRN.txt',
    'aux',
    'COM1.eval',
    'lpt9/x.json',
    'logs/com¹.json',
    'nul .txt',
  ])('refuses the Windows device name in %s', (name) => {
    expect(problem(name)).toMatch(/a device name Windows reserves$/);
  });

  it.each(['logs/a.', 'logs./a.json', 'logs/a '])(
    'refuses %s, a segment ending in a dot or space',
    (name) => {
      expect(problem(name)).toMatch(/ending in a dot or space, which Windows drops$/);
    },
  );

  it.each(['<', '>', ':', '"', '|', '?', '*'])('refuses %s, which Windows forbids', (c) => {
    expect(problem(`logs/a${c}b.json`)).toBe(
      `contains "${c}", which Windows forbids in file names`,
    );
  });

  it('accepts ordinary names that merely resemble devices', () => {
    for (const name of ['logs/console.json', 'logs/com10.json', 'logs/conx.eval', 'a.b/c.json']) {
      expect(problem(name)).toBeNull();
    }
  });

  it('refuses control, C1 and text-direction characters', () => {
    for (const name of ['logs/a\u001b[2J.json', 'logs/a\u009b.json', 'logs/\u202egnp.exe']) {
      expect(problem(name)).toBe('contains a control, line-separator or text-direction character');
    }
  });

  it('shows a name that is not UTF-8 as hex, never decoded as latin1', () => {
    const raw = Buffer.from([0x6c, 0x6f, 0x67, 0x9b, 0x32, 0x4a]);
    expect(entryName(raw)).toEqual({
      name: null,
      shown: 'with the name bytes 6c 6f 67 9b 32 4a (hex)',
      problem: 'is not valid UTF-8',
    });
  });

  it('keeps a leading byte-order mark in the name, as Python does, rather than dropping it', () => {
    expect(entryName(Buffer.from([0xef, 0xbb, 0xbf, 0x61])).name).toBe('\ufeffa');
  });

  it('escapes what it echoes', () => {
    expect(entryName(Buffer.from('a\u001b[2J\r\n', 'utf8')).shown).toBe(
      '"a\\u{001B}[2J\\u{000D}\\u{000A}"',
    );
  });
});

describe('entry names in archives', () => {
  const tempDir = useTempDirs();
  const refusal = async (entries: RawEntry[]) => {
    const file = path.join(tempDir(), 'names.zip');
    fs.writeFileSync(file, rawZip(entries));
    return SafeZip.open(file).then(
      (zip) => {
        zip.close();
        return 'accepted';
      },
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
  };
  const data = Buffer.from('x');

  it.each([
    ['logs/ſ.json', 'logs/s.json'],
    ['logs/STRASSE.json', 'logs/straße.json'],
    ['logs/ς.json', 'logs/σ.json'],
    ['logs/ﬁle.json', 'logs/file.json'],
    ['logs/ａ.json', 'logs/A.json'],
  ])('refuses %s beside %s', async (a, b) => {
    expect(
      await refusal([
        { name: a, data },
        { name: b, data },
      ]),
    ).toBe(`entries "${a}" and "${b}" differ only in letter case or Unicode form`);
  });

  it('refuses a name that is not UTF-8 with its bytes in hex, and no C1 control in the sentence', async () => {
    const sentence = await refusal([{ name: Buffer.from([0x61, 0x9b, 0x32, 0x4a]), data }]);
    expect(sentence).toBe('entry with the name bytes 61 9b 32 4a (hex) is not valid UTF-8');
  });

  it('refuses a Windows device name and escapes a control character in the sentence', async () => {
    expect(await refusal([{ name: 'logs/AUX.json', data }])).toBe(
      'entry "logs/AUX.json" has the segment "AUX.json", a device name Windows reserves',
    );
    expect(await refusal([{ name: 'logs/\u001b]0;pwned\u0007.json', data }])).toBe(
      'entry "logs/\\u{001B}]0;pwned\\u{0007}.json" contains a control, line-separator or text-direction character',
    );
  });
});
