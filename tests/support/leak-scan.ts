/**
 * Searches every byte of every file under a directory for secrets in the spellings they
 * could take on disk: UTF-8, UTF-16LE, JSON-escaped (as written, and with non-ASCII as
 * \uXXXX), hex, base64 at each of the three alignments a string can have inside a longer
 * base64 text (so a secret inside a DSSE payload is found too), and for numbers their
 * decimal text and their float64 bytes in both byte orders (SQLite stores REAL big-endian).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Needle {
  /** Which secret, e.g. `rule id`. */
  readonly secret: string;
  /** Which spelling, e.g. `utf16le`, `base64@1`. */
  readonly form: string;
  readonly bytes: Buffer;
}

export interface Finding {
  readonly file: string;
  readonly secret: string;
  readonly form: string;
}

export function textNeedles(secret: string, text: string): Needle[] {
  const utf8 = Buffer.from(text, 'utf8');
  const json = JSON.stringify(text).slice(1, -1);
  const asciiJson = json.replace(
    /[^\x20-\x7e]/gu,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
  return [
    { secret, form: 'utf8', bytes: utf8 },
    { secret, form: 'utf16le', bytes: Buffer.from(text, 'utf16le') },
    { secret, form: 'json', bytes: Buffer.from(json, 'utf8') },
    { secret, form: 'json-ascii', bytes: Buffer.from(asciiJson, 'utf8') },
    ...encodedNeedles(secret, utf8),
  ];
}

export function bytesNeedles(secret: string, bytes: Uint8Array): Needle[] {
  const raw = Buffer.from(bytes);
  return [{ secret, form: 'raw', bytes: raw }, ...encodedNeedles(secret, raw)];
}

export function numberNeedles(secret: string, value: number): Needle[] {
  const big = Buffer.alloc(8);
  big.writeDoubleBE(value);
  const little = Buffer.alloc(8);
  little.writeDoubleLE(value);
  const text = Buffer.from(String(value), 'utf8');
  return [
    { secret, form: 'text', bytes: text },
    { secret, form: 'text-utf16le', bytes: Buffer.from(String(value), 'utf16le') },
    { secret, form: 'float64be', bytes: big },
    { secret, form: 'float64le', bytes: little },
    ...encodedNeedles(secret, text),
  ];
}

function encodedNeedles(secret: string, bytes: Buffer): Needle[] {
  const needles: Needle[] = [
    { secret, form: 'hex', bytes: Buffer.from(bytes.toString('hex'), 'utf8') },
  ];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Only the characters every one of whose six bits comes from `bytes`.
    const start = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const inner = encoded.slice(start, end);
    needles.push({ secret, form: `base64@${offset}`, bytes: Buffer.from(inner, 'utf8') });
    needles.push({
      secret,
      form: `base64url@${offset}`,
      bytes: Buffer.from(inner.replaceAll('+', '-').replaceAll('/', '_'), 'utf8'),
    });
  }
  return needles;
}

/** Every file under `dir` (recursively), read as bytes. */
export function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

export function scanFiles(dir: string, needles: readonly Needle[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = fs.readFileSync(file);
    for (const needle of needles) {
      if (bytes.includes(needle.bytes)) {
        findings.push({ file: path.relative(dir, file), secret: needle.secret, form: needle.form });
      }
    }
  }
  return findings;
}

export function scanText(text: string, needles: readonly Needle[]): Finding[] {
  const bytes = Buffer.from(text, 'utf8');
  return needles
    .filter((needle) => bytes.includes(needle.bytes))
    .map((needle) => ({ file: '(text)', secret: needle.secret, form: needle.form }));
}
