/**
 * Takes a valid bundle apart and puts it back together wrong, for rejection tests:
 * entries can be dropped, added, altered or renamed, and the statement re-signed.
 */
import fs from 'node:fs';
import yauzl from 'yauzl';
import { signEnvelope, type Envelope, type UnlockedKey } from '../../main/crypto';
import { rawZip, type RawEntry } from './raw-zip';

export const ENVELOPE = 'envelope.dsse.json';

export async function readEntries(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const entries = new Map<string, Buffer>();
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => {
          resolve(null);
        });
        zip.once('error', reject);
        zip.readEntry();
      });
      zip.removeAllListeners();
      if (entry === null) break;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry))
        chunks.push(chunk as Buffer);
      entries.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return entries;
}

export function writeEntries(file: string, entries: Iterable<[string, Buffer] | RawEntry>): string {
  const list = [...entries].map((item) =>
    Array.isArray(item) ? { name: item[0], data: item[1] } : item,
  );
  fs.writeFileSync(file, rawZip(list));
  return file;
}

export function statementOf(envelopeBytes: Buffer): Record<string, unknown> {
  const envelope = JSON.parse(envelopeBytes.toString('utf8')) as Envelope;
  return JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as Record<
    string,
    unknown
  >;
}

export function signStatement(
  statement: unknown,
  signers: readonly UnlockedKey[],
  payloadType = 'application/vnd.in-toto+json',
): Buffer {
  const envelope = signEnvelope(
    payloadType,
    new TextEncoder().encode(JSON.stringify(statement)),
    signers,
  );
  return Buffer.from(JSON.stringify(envelope));
}
