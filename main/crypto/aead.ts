/**
 * Symmetric authenticated encryption under a random data key: XChaCha20-Poly1305-IETF
 * (libsodium `crypto_aead_xchacha20poly1305_ietf_*`) with a fresh random 24-byte nonce per
 * message, so random nonces never collide in practice. Associated data binds a ciphertext
 * to where it belongs (e.g. a document's id and version), so it cannot be moved elsewhere.
 */
import { DeskError } from '../../common/errors';
import { readySodium } from './sodium';

export const DATA_KEY_BYTES = 32;
export const AEAD_NONCE_BYTES = 24;

export interface AeadCiphertext {
  readonly nonce: Uint8Array;
  /** The encrypted message followed by the 16-byte Poly1305 tag. */
  readonly ciphertext: Uint8Array;
}

/** 32 random bytes from libsodium. The caller owns them and wipes them with `wipeBytes`. */
export function newDataKey(): Uint8Array {
  return readySodium().randombytes_buf(DATA_KEY_BYTES);
}

/** `n` random bytes from libsodium, e.g. a salt. */
export function randomBytes(n: number): Uint8Array {
  return readySodium().randombytes_buf(n);
}

/**
 * ISO/IEC 7816-4 padding (libsodium `sodium_pad`) to a multiple of `blockSize` bytes, so a
 * ciphertext's length tells only which block size bucket its message falls in.
 */
export function padToBlock(message: Uint8Array, blockSize: number): Uint8Array {
  return readySodium().pad(message, blockSize);
}

/** Removes `padToBlock`'s padding; null if the bytes are not padded that way. */
export function unpadFromBlock(padded: Uint8Array, blockSize: number): Uint8Array | null {
  try {
    return readySodium().unpad(padded, blockSize);
  } catch {
    return null;
  }
}

/** Zeroes secret bytes in place (`sodium_memzero`). */
export function wipeBytes(bytes: Uint8Array): void {
  readySodium().memzero(bytes);
}

export function encryptWithDataKey(
  plaintext: Uint8Array,
  associatedData: Uint8Array,
  dataKey: Uint8Array,
): AeadCiphertext {
  const sodium = readySodium();
  checkKey(dataKey);
  const nonce = sodium.randombytes_buf(AEAD_NONCE_BYTES);
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    plaintext,
    associatedData,
    null,
    nonce,
    dataKey,
  );
  return { nonce, ciphertext };
}

/**
 * The plaintext, or null when the ciphertext, nonce or associated data has been altered
 * or the key is not the one it was encrypted under (AEAD cannot tell these apart).
 */
export function decryptWithDataKey(
  sealed: AeadCiphertext,
  associatedData: Uint8Array,
  dataKey: Uint8Array,
): Uint8Array | null {
  const sodium = readySodium();
  checkKey(dataKey);
  if (sealed.nonce.length !== AEAD_NONCE_BYTES) return null;
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sealed.ciphertext,
      associatedData,
      sealed.nonce,
      dataKey,
    );
  } catch {
    // libsodium throws one error for every authentication failure; there is nothing more in it.
    return null;
  }
}

function checkKey(dataKey: Uint8Array): void {
  if (dataKey.length !== DATA_KEY_BYTES) {
    throw new DeskError('INVALID_ARGUMENT', `A data key must be ${DATA_KEY_BYTES} bytes.`);
  }
}
