/**
 * C2SP signed notes (c2sp.org/signed-note), Ed25519 only (signature type 0x01): the text,
 * a blank line, and one line per signature, "— <key name> base64(key ID ‖ signature)".
 * The key ID is SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]. A checkpoint of the audit
 * log is such a note.
 */
import crypto from 'node:crypto';
import { decodeStandardBase64, encodeBase64, loadSodium, type UnlockedKey } from '../crypto';

const ED25519 = 0x01;
const KEY_ID_BYTES = 4;
const SIGNATURE_BYTES = 64;
/** The spec asks verifiers to accept at least 16; more is refused, as a note this size is. */
export const MAX_NOTE_SIGNATURES = 64;
const MAX_NOTE_BYTES = 1 << 20;

/** A key a note may be signed by: its name in the note and its Ed25519 public key. */
export interface NoteKey {
  readonly name: string;
  readonly publicKey: Uint8Array;
}

export function noteKeyId(key: NoteKey): Uint8Array {
  const hash = crypto
    .createHash('sha256')
    .update(key.name, 'utf8')
    .update(Uint8Array.of(0x0a, ED25519))
    .update(key.publicKey)
    .digest();
  return new Uint8Array(hash.subarray(0, KEY_ID_BYTES));
}

/** Why a name cannot be a key name: empty, or with a space or '+' (the spec's rule). */
function badName(name: string): boolean {
  return name === '' || /[\s+]/u.test(name) || hasControl(name);
}

function hasControl(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- the spec bans ASCII controls but newline
  return /[\u0000-\u0009\u000b-\u001f]/.test(text);
}

/** `text` (ending in a newline) signed by `signer` under `name`. */
export function signNote(text: string, name: string, signer: UnlockedKey): string {
  if (!text.endsWith('\n') || hasControl(text))
    throw new RangeError(
      'a note text ends in a newline and holds no control character but newlines',
    );
  if (badName(name)) throw new RangeError(`"${name}" cannot name a note key`);
  const keyId = noteKeyId({ name, publicKey: signer.publicKey });
  const signature = signer.sign(new TextEncoder().encode(text));
  const blob = new Uint8Array(KEY_ID_BYTES + SIGNATURE_BYTES);
  blob.set(keyId);
  blob.set(signature, KEY_ID_BYTES);
  return `${text}\n— ${name} ${encodeBase64(blob)}\n`;
}

export type OpenedNote =
  | { readonly ok: true; readonly text: string; readonly signedBy: readonly string[] }
  | { readonly ok: false; readonly problem: string };

/**
 * The note's text when a known key's signature verifies. Signatures of unknown keys
 * (another name or key ID) are ignored, as the spec requires; one that a known key fails
 * rejects the whole note, as it recommends.
 */
export async function openNote(note: string, keys: readonly NoteKey[]): Promise<OpenedNote> {
  const sodium = await loadSodium();
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES)
    return { ok: false, problem: 'the note is larger than a checkpoint can be' };
  if (!note.endsWith('\n') || hasControl(note))
    return { ok: false, problem: 'a note ends in a newline and holds no other control character' };
  const split = note.lastIndexOf('\n\n');
  if (split === -1)
    return { ok: false, problem: 'the note has no blank line before its signatures' };
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES)
    return { ok: false, problem: `the note has more than ${MAX_NOTE_SIGNATURES} signatures` };
  const message = new TextEncoder().encode(text);
  const signedBy: string[] = [];
  for (const line of lines) {
    const match = /^— (\S+) (\S+)$/u.exec(line);
    const blob = match?.[2] === undefined ? null : decodeStandardBase64(match[2]);
    if (match?.[1] === undefined || blob === null || blob.length <= KEY_ID_BYTES)
      return { ok: false, problem: 'a signature line is not "— <name> <base64>"' };
    const name = match[1];
    const keyId = blob.subarray(0, KEY_ID_BYTES);
    const key = keys.find(
      (k) => k.name === name && Buffer.from(noteKeyId(k)).equals(Buffer.from(keyId)),
    );
    if (key === undefined) continue;
    const signature = blob.subarray(KEY_ID_BYTES);
    const valid =
      signature.length === SIGNATURE_BYTES &&
      sodium.crypto_sign_verify_detached(signature, message, key.publicKey);
    if (!valid) return { ok: false, problem: `the signature of ${name} does not verify` };
    if (!signedBy.includes(name)) signedBy.push(name);
  }
  if (signedBy.length === 0) return { ok: false, problem: 'no known key signed the note' };
  return { ok: true, text, signedBy };
}
