/**
 * Takes a valid bundle apart and puts it back together wrong, for rejection tests:
 * entries can be dropped, added, altered or renamed, and the statement re-signed.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { signEnvelope, type Envelope, type UnlockedKey } from '../../main/crypto';
import { rawZip, type RawEntry } from './raw-zip';
import { rawZipEntries } from './zip-entries';

export const ENVELOPE = 'envelope.dsse.json';

export async function readEntries(file: string): Promise<Map<string, Buffer>> {
  const entries = await rawZipEntries(file);
  // Bundles hold only stored and deflated entries.
  return new Map(entries.map((e) => [e.name, e.method === 8 ? zlib.inflateRawSync(e.raw) : e.raw]));
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

/** `bundle` with its predicate changed by `edit` and signed again by `signers`, as `out`. */
export async function resigned(
  bundle: string,
  out: string,
  signers: readonly UnlockedKey[],
  edit: (predicate: Record<string, unknown>) => void,
): Promise<string> {
  const entries = await readEntries(bundle);
  const statement = statementOf(entries.get(ENVELOPE) ?? Buffer.alloc(0)) as {
    predicate: Record<string, unknown>;
  };
  edit(statement.predicate);
  entries.set(ENVELOPE, signStatement(statement, signers));
  return writeEntries(out, entries);
}
