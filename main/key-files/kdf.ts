/**
 * Argon2id in a worker (kdf.worker.ts), so an unlock or a key-sealing never freezes the
 * main process: libsodium's MODERATE preset takes about a second in WebAssembly.
 */
import { runWorker } from '../workers';
import type { Argon2idRequest } from './kdf.worker';
import kdfWorker from './kdf.worker?modulePath';

/**
 * Argon2id's memory is WebAssembly memory, which the heap limits do not count (the key file
 * schema caps it at 1 GiB); the JavaScript heap needs only libsodium's wrappers.
 */
const KDF_WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };

/** `outputBytes` of Argon2id13 over the passphrase. The caller keeps (and zeroes) its array. */
export async function argon2id(
  outputBytes: number,
  passphrase: Uint8Array,
  salt: Uint8Array,
  opslimit: number,
  memlimit: number,
): Promise<Uint8Array> {
  // A copy of our own crosses by transfer, which detaches it here; zeroing it covers the
  // case where it never left.
  const secret = Uint8Array.from(passphrase);
  try {
    const request: Argon2idRequest = {
      outputBytes,
      passphrase: secret,
      salt: Uint8Array.from(salt),
      opslimit,
      memlimit,
    };
    return await runWorker<Uint8Array>(kdfWorker, request, {
      name: 'desk-kdf-worker',
      transfer: [secret.buffer],
      resourceLimits: KDF_WORKER_LIMITS,
    });
  } finally {
    if (!secret.buffer.detached) secret.fill(0);
  }
}
