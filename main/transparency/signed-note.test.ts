import { beforeAll, describe, expect, it } from 'vitest';
import { decodeStandardBase64, initCrypto, loadSodium, unlockedKeyFrom } from '../crypto';
import { noteKeyId, openNote, signNote, type NoteKey } from './signed-note';
import { formatCheckpoint, parseCheckpoint } from './checkpoint';
import { EMPTY_ROOT } from './merkle';

// golang.org/x/mod/sumdb/note's example and test key (note.go, note_test.go), from which
// C2SP's signed-note spec was written: the verifier key is base64(0x01 ‖ public key) and
// the signer key base64(0x01 ‖ Ed25519 seed). Ed25519 is deterministic, so signing the
// text with that seed must give Go's note byte for byte.
const VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const NOTE = `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

const typed = (b64: string) => {
  const bytes = decodeStandardBase64(b64);
  if (bytes?.[0] !== 0x01) throw new Error('not an Ed25519 key');
  return bytes.subarray(1);
};
const peter: NoteKey = {
  name: 'PeterNeumann',
  publicKey: typed(VERIFIER.split('+').slice(2).join('+')),
};

async function peterSigner() {
  const sodium = await loadSodium();
  const pair = sodium.crypto_sign_seed_keypair(typed(SIGNER.split('+').slice(4).join('+')));
  return unlockedKeyFrom(
    { name: 'PeterNeumann', keyid: 'go', publicKey: pair.publicKey },
    pair.privateKey,
  );
}

beforeAll(async () => {
  await initCrypto();
});

describe('signed notes (c2sp.org/signed-note)', () => {
  it("gives the key ID Go's verifier key names: c74f20a3", () => {
    expect(Buffer.from(noteKeyId(peter)).toString('hex')).toBe('c74f20a3');
  });

  it("signs Go's example text into Go's note, byte for byte", async () => {
    expect(signNote(TEXT, 'PeterNeumann', await peterSigner())).toBe(NOTE);
  });

  it("opens Go's note with its key, and refuses it with a flipped bit or no known key", async () => {
    expect(await openNote(NOTE, [peter])).toEqual({
      ok: true,
      text: TEXT,
      signedBy: ['PeterNeumann'],
    });
    const flipped = NOTE.replace('problem is.', 'problem iS.');
    expect(await openNote(flipped, [peter])).toEqual({
      ok: false,
      problem: 'the signature of PeterNeumann does not verify',
    });
    const other: NoteKey = { name: 'PeterNeumann', publicKey: new Uint8Array(32).fill(7) };
    expect(await openNote(NOTE, [other])).toEqual({
      ok: false,
      problem: 'no known key signed the note',
    });
  });

  it('ignores signatures of unknown keys, and refuses control characters and malformed lines', async () => {
    const extra = `${NOTE}— someone.example/key AAAAAAAAAAAA\n`;
    expect((await openNote(extra, [peter])).ok).toBe(true);
    expect((await openNote(NOTE.replace('then', '\u0007then'), [peter])).ok).toBe(false);
    expect((await openNote(`${NOTE}-- PeterNeumann abc\n`, [peter])).ok).toBe(false);
  });
});

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  it('are origin, size and root, one per line, and parse back', () => {
    const body = formatCheckpoint({
      origin: 'desk.example/audit',
      size: 0,
      root: EMPTY_ROOT,
      extensions: [],
    });
    expect(body).toBe('desk.example/audit\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n');
    const parsed = parseCheckpoint(body);
    expect(parsed.ok && parsed.checkpoint.size).toBe(0);
  });

  it.each([
    ['a size with a leading zero', 'o\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n'],
    ['a negative size', 'o\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n'],
    ['a short root', 'o\n1\nAAAA\n'],
    ['no final newline', 'o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='],
    ['an empty extension line', 'o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n'],
  ])('refuse %s', (_, text) => {
    expect(parseCheckpoint(text).ok).toBe(false);
  });
});
