/**
 * The secret key file `NAME.key.json` (format v1, documented in docs/formats.md): the
 * public header of a key plus its 64-byte libsodium secret key, sealed under a passphrase.
 *
 * - Argon2id (`crypto_pwhash`, ALG_ARGON2ID13, run in a worker) stretches the passphrase into 64 bytes. The
 *   first 32 are the XChaCha20-Poly1305-IETF key; the last 32 are stored as
 *   `passphraseCheck`. The check costs an attacker nothing they did not already have (each
 *   guess needs the same Argon2id run either way) and lets us tell a wrong passphrase from
 *   an altered file, which the AEAD alone cannot.
 * - The header (type, alg, keyid, publicKey, name) is the AEAD's associated data, so it
 *   cannot be swapped onto another key's ciphertext.
 * - Argon2id parameters come from the file, so a hostile file could ask for any amount of
 *   memory and time. We refuse anything above libsodium's SENSITIVE preset.
 */
import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { DeskError } from '../../common/errors';
import {
  base64Bytes,
  decodeStandardBase64,
  encodeBase64,
  keyHeader,
  keyHeaderFields,
  loadSodium,
  publicKeyFromHeader,
  PUBLIC_KEY_BYTES,
  SECRET_KEY_BYTES,
  unlockedKeyFrom,
  type KeyPair,
  type Sodium,
  type UnlockedKey,
} from '../crypto';
import { firstIssueSentence } from '../schema-sentence';
import { argon2id } from './kdf';

export const SECRET_KEY_FILE_TYPE = 'designation-desk/secret-key/v1';

/** libsodium's crypto_pwhash_OPSLIMIT_MIN and MEMLIMIT_MIN for Argon2id (checked by a test). */
export const ARGON2ID_OPSLIMIT_MIN = 1;
export const ARGON2ID_MEMLIMIT_MIN = 8192;
/** The most a key file may ask for: libsodium's SENSITIVE preset (about 7 s in WebAssembly). */
export const ARGON2ID_MEMLIMIT_MAX = 1024 * 1024 * 1024;
export const ARGON2ID_WORK_MAX = 4 * ARGON2ID_MEMLIMIT_MAX;

const SALT_BYTES = 16;
const NONCE_BYTES = 24;
const AEAD_KEY_BYTES = 32;
const CHECK_BYTES = 32;
const AEAD_TAG_BYTES = 16;

export interface Argon2idLimits {
  readonly opslimit: number;
  readonly memlimit: number;
}

const KdfSchema = z
  .strictObject({
    alg: z.literal('argon2id13'),
    opslimit: z
      .number()
      .int()
      .min(ARGON2ID_OPSLIMIT_MIN, {
        message: `must be at least ${ARGON2ID_OPSLIMIT_MIN}`,
      }),
    memlimit: z
      .number()
      .int()
      .min(ARGON2ID_MEMLIMIT_MIN, { message: `must be at least ${ARGON2ID_MEMLIMIT_MIN} bytes` })
      .max(ARGON2ID_MEMLIMIT_MAX, {
        message: `must be at most ${ARGON2ID_MEMLIMIT_MAX} bytes (1 GiB)`,
      }),
    salt: base64Bytes(SALT_BYTES),
  })
  .refine((kdf) => withinWorkLimit(kdf), {
    message: `asks for more Argon2id work than Designation Desk accepts (opslimit × memlimit at most ${ARGON2ID_WORK_MAX})`,
  });

export const SecretKeyFileSchema = z.strictObject({
  type: z.literal(SECRET_KEY_FILE_TYPE),
  ...keyHeaderFields,
  kdf: KdfSchema,
  cipher: z.strictObject({
    alg: z.literal('xchacha20poly1305-ietf'),
    nonce: base64Bytes(NONCE_BYTES),
  }),
  passphraseCheck: base64Bytes(CHECK_BYTES),
  sealedSecretKey: base64Bytes(SECRET_KEY_BYTES + AEAD_TAG_BYTES),
});
export type SecretKeyFile = z.infer<typeof SecretKeyFileSchema>;

type SecretKeyHeader = Pick<SecretKeyFile, 'type' | 'alg' | 'keyid' | 'publicKey' | 'name'>;

export async function sealSecretKey(
  name: string,
  keyPair: KeyPair,
  passphrase: Uint8Array,
  limits?: Argon2idLimits,
): Promise<SecretKeyFile> {
  const sodium = await loadSodium();
  const { opslimit, memlimit } = limits ?? {
    opslimit: sodium.crypto_pwhash_OPSLIMIT_MODERATE,
    memlimit: sodium.crypto_pwhash_MEMLIMIT_MODERATE,
  };
  checkLimitsArgument(opslimit, memlimit);
  if (passphrase.length === 0) {
    throw new DeskError('INVALID_ARGUMENT', 'A key cannot be sealed with an empty passphrase.');
  }
  if (!secretKeyBelongsTo(sodium, keyPair.secretKey, keyPair.publicKey)) {
    throw new DeskError('INVALID_ARGUMENT', 'The secret key does not belong to the public key.');
  }
  const header: SecretKeyHeader = {
    type: SECRET_KEY_FILE_TYPE,
    ...keyHeader(name, keyPair.publicKey),
  };
  const salt = sodium.randombytes_buf(SALT_BYTES);
  const nonce = sodium.randombytes_buf(NONCE_BYTES);
  const derived = await stretch(passphrase, salt, opslimit, memlimit);
  try {
    const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      keyPair.secretKey,
      associatedData(header),
      null,
      nonce,
      derived.subarray(0, AEAD_KEY_BYTES),
    );
    return {
      ...header,
      kdf: { alg: 'argon2id13', opslimit, memlimit, salt: encodeBase64(salt) },
      cipher: { alg: 'xchacha20poly1305-ietf', nonce: encodeBase64(nonce) },
      passphraseCheck: encodeBase64(derived.subarray(AEAD_KEY_BYTES)),
      sealedSecretKey: encodeBase64(sealed),
    };
  } finally {
    sodium.memzero(derived);
  }
}

/**
 * Opens a secret key file. WRONG_PASSPHRASE when the passphrase is wrong; INVALID_KEY_FILE
 * when the file is malformed, asks for too much Argon2id work, or was altered after sealing.
 */
export async function unsealSecretKey(json: unknown, passphrase: Uint8Array): Promise<UnlockedKey> {
  const sodium = await loadSodium();
  const parsed = SecretKeyFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new DeskError(
      'INVALID_KEY_FILE',
      firstIssueSentence('The secret key file', parsed.error, json),
    );
  }
  const file = parsed.data;
  const identity = publicKeyFromHeader('The secret key file', file);
  const derived = await stretch(
    passphrase,
    decoded(file.kdf.salt),
    file.kdf.opslimit,
    file.kdf.memlimit,
  );
  try {
    const passphraseMatches = sodium.memcmp(
      derived.subarray(AEAD_KEY_BYTES),
      decoded(file.passphraseCheck),
    );
    const secretKey = openSealed(sodium, file, derived.subarray(0, AEAD_KEY_BYTES));
    if (secretKey === null) {
      throw passphraseMatches ? altered() : wrongPassphrase();
    }
    if (!passphraseMatches || !secretKeyBelongsTo(sodium, secretKey, identity.publicKey)) {
      sodium.memzero(secretKey);
      throw altered();
    }
    return unlockedKeyFrom(identity, secretKey);
  } finally {
    sodium.memzero(derived);
  }
}

function openSealed(sodium: Sodium, file: SecretKeyFile, key: Uint8Array): Uint8Array | null {
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      decoded(file.sealedSecretKey),
      associatedData(file),
      decoded(file.cipher.nonce),
      key,
    );
  } catch {
    // libsodium throws one error for every authentication failure; there is nothing more in it.
    return null;
  }
}

/** Argon2id in its own worker (kdf.ts): the main thread stays free for its second or so. */
function stretch(
  passphrase: Uint8Array,
  salt: Uint8Array,
  opslimit: number,
  memlimit: number,
): Promise<Uint8Array> {
  return argon2id(AEAD_KEY_BYTES + CHECK_BYTES, passphrase, salt, opslimit, memlimit);
}

/** The header bound to the ciphertext: canonical JSON of exactly these five fields, UTF-8. */
function associatedData(header: SecretKeyHeader): Uint8Array {
  const { type, alg, keyid, publicKey, name } = header;
  return new TextEncoder().encode(canonicalJson({ type, alg, keyid, publicKey, name }));
}

/**
 * libsodium's secret key is seed ‖ public key. Re-deriving the public key from the seed
 * (rather than reading the second half) proves the pair is genuine.
 */
function secretKeyBelongsTo(sodium: Sodium, secretKey: Uint8Array, publicKey: Uint8Array): boolean {
  if (secretKey.length !== SECRET_KEY_BYTES || publicKey.length !== PUBLIC_KEY_BYTES) return false;
  const derived = sodium.crypto_sign_seed_keypair(secretKey.subarray(0, 32));
  try {
    return (
      sodium.memcmp(derived.publicKey, publicKey) &&
      sodium.memcmp(secretKey.subarray(32), publicKey)
    );
  } finally {
    sodium.memzero(derived.privateKey);
  }
}

function withinWorkLimit({ opslimit, memlimit }: Argon2idLimits): boolean {
  return opslimit * memlimit <= ARGON2ID_WORK_MAX;
}

function checkLimitsArgument(opslimit: number, memlimit: number): void {
  const ok =
    Number.isInteger(opslimit) &&
    Number.isInteger(memlimit) &&
    opslimit >= ARGON2ID_OPSLIMIT_MIN &&
    memlimit >= ARGON2ID_MEMLIMIT_MIN &&
    memlimit <= ARGON2ID_MEMLIMIT_MAX &&
    withinWorkLimit({ opslimit, memlimit });
  // Never write a file that we would refuse to open.
  if (!ok) {
    throw new DeskError(
      'INVALID_ARGUMENT',
      'The Argon2id limits are outside what a key file may use (see docs/formats.md).',
    );
  }
}

/** Decodes a field the schema has already checked. */
function decoded(text: string): Uint8Array {
  const bytes = decodeStandardBase64(text);
  if (bytes === null) throw new Error('A schema-checked base64 field did not decode.');
  return bytes;
}

function wrongPassphrase(): DeskError {
  return new DeskError('WRONG_PASSPHRASE', 'The passphrase does not open this key file.');
}

function altered(): DeskError {
  return new DeskError(
    'INVALID_KEY_FILE',
    'The secret key file has been altered since it was sealed; it cannot be trusted.',
  );
}
