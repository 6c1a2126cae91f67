/**
 * Keys, sealed secret keys and DSSE envelopes: the cryptography every signed format of
 * Designation Desk rests on (docs/formats.md). Ed25519, Argon2id, XChaCha20-Poly1305 and
 * sealed boxes (X25519) come from libsodium (sumo build); SHA-256 from node:crypto.
 *
 * Async functions load libsodium themselves. The synchronous ones that need it
 * (`verifyEnvelope`, `UnlockedKey.sign`, `sealToKey`, the data-key functions) need
 * `await initCrypto()` once at start-up.
 */
export { initCrypto } from './sodium';
export { decodeStandardBase64, encodeBase64 } from './base64';
export { keyIdOf, sha256Hex } from './digest';
export {
  generateKeyPair,
  parsePublicKeyFile,
  PUBLIC_KEY_FILE_TYPE,
  PublicKeyFileSchema,
  toPublicKeyFile,
  type KeyPair,
  type PublicKey,
  type PublicKeyFile,
} from './keys';
export {
  ARGON2ID_MEMLIMIT_MAX,
  ARGON2ID_WORK_MAX,
  sealSecretKey,
  SECRET_KEY_FILE_TYPE,
  SecretKeyFileSchema,
  unsealSecretKey,
  type Argon2idLimits,
  type SecretKeyFile,
} from './sealed-key';
export type { UnlockedKey } from './unlocked-key';
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
