/**
 * The Argon2id worker: one passphrase stretch (crypto_pwhash) off the main thread, which
 * it would otherwise block for up to seconds. The passphrase arrives moved, not copied,
 * and is zeroed here after use; the derived bytes leave the same way. One short-lived
 * worker per call: when it exits, libsodium's WebAssembly heap, where both were copied for
 * the computation, goes with it.
 */
import { serveTask } from '../workers';
import { loadSodium } from '../crypto';

export interface Argon2idRequest {
  readonly outputBytes: number;
  readonly passphrase: Uint8Array;
  readonly salt: Uint8Array;
  readonly opslimit: number;
  readonly memlimit: number;
}

serveTask<Uint8Array<ArrayBuffer>>(
  async ({ outputBytes, passphrase, salt, opslimit, memlimit }: Argon2idRequest) => {
    const sodium = await loadSodium();
    try {
      const derived = sodium.crypto_pwhash(
        outputBytes,
        passphrase,
        salt,
        opslimit,
        memlimit,
        sodium.crypto_pwhash_ALG_ARGON2ID13,
      );
      return ownBuffer(derived);
    } finally {
      sodium.memzero(passphrase);
    }
  },
  { transfer: (derived) => [derived.buffer] },
);

/** The bytes in an ArrayBuffer of their own, so transferring it moves exactly them. */
function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (
    bytes.byteOffset === 0 &&
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteLength === bytes.buffer.byteLength
  )
    return bytes as Uint8Array<ArrayBuffer>;
  const copy = Uint8Array.from(bytes);
  bytes.fill(0);
  return copy;
}
