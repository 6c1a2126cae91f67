/**
 * libsodium is WebAssembly that finishes loading asynchronously. Async entry points await
 * `initCrypto()` themselves; the synchronous ones (signing with an unlocked key, verifying
 * an envelope) need it awaited once beforehand, and say so clearly instead of failing
 * inside libsodium with an undefined function.
 *
 * The sumo build is required: the standard build declares crypto_pwhash in its types but
 * has no Argon2id at run time.
 */
import sodium from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodium;

let ready = false;

/** Loads libsodium. Idempotent; await it once at start-up before any synchronous crypto. */
export async function initCrypto(): Promise<void> {
  await sodium.ready;
  ready = true;
}

/** libsodium, or an internal error if `initCrypto()` has not completed: a programming error. */
export function readySodium(): Sodium {
  if (!ready) {
    throw new Error('libsodium is not loaded: await initCrypto() before signing or verifying.');
  }
  return sodium;
}

/** Both entry styles in one: for async functions that may be the first to touch libsodium. */
export async function loadSodium(): Promise<Sodium> {
  await initCrypto();
  return sodium;
}
