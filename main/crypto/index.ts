/**
 * Keys and DSSE envelopes: the cryptography every signed format of Designation Desk rests
 * on (docs/formats.md), and the building blocks of its key files (main/key-files seals
 * secret keys with Argon2id, which runs in a worker and so lives apart: this folder is
 * loaded by the bundle worker itself). Ed25519, XChaCha20-Poly1305 and sealed boxes (X25519)
 * come from libsodium (sumo build); SHA-256 from node:crypto.
 *
 * Async functions load libsodium themselves. The synchronous ones that need it
 * (`verifyEnvelope`, `UnlockedKey.sign`, `sealToKey`, the data-key functions) need
 * `await initCrypto()` once at start-up.
 */
export { initCrypto, loadSodium, type Sodium } from './sodium';
export { decodeStandardBase64, encodeBase64 } from './base64';
export { keyIdOf, sha256Hex } from './digest';
export {
  base64Bytes,
  generateKeyPair,
  keyHeader,
  keyHeaderFields,
  KeyNameSchema,
  publicKeyFromHeader,
  PUBLIC_KEY_BYTES,
  SECRET_KEY_BYTES,
  parsePublicKeyFile,
  PUBLIC_KEY_FILE_TYPE,
  PublicKeyFileSchema,
  toPublicKeyFile,
  type KeyPair,
  type PublicKey,
  type PublicKeyFile,
} from './keys';
export { unlockedKeyFrom, type UnlockedKey } from './unlocked-key';
export { sealToKey } from './sealed-box';
export {
  AEAD_NONCE_BYTES,
  DATA_KEY_BYTES,
  decryptWithDataKey,
  encryptWithDataKey,
  newDataKey,
  padToBlock,
  randomBytes,
  unpadFromBlock,
  wipeBytes,
  type AeadCiphertext,
} from './aead';
export {
  EnvelopeSchema,
  MAX_SIGNATURES,
  pae,
  signEnvelope,
  verifyEnvelope,
  type Envelope,
  type EnvelopeRejectionCode,
  type EnvelopeSigner,
  type EnvelopeVerification,
  type VerificationPolicy,
} from './dsse';
