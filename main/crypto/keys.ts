/**
 * Ed25519 key pairs and the public key file `NAME.pub.json` (format v1, documented in
 * docs/formats.md). A public key is what a trust roster pins and what a verifier tries
 * signatures against; its key id is derived from it and re-checked on every read.
 */
import { z } from 'zod';
import { plainName } from '../../common/text';
import { DeskError } from '../../common/errors';
import { decodeStandardBase64, encodeBase64 } from './base64';
import { keyIdOf } from './digest';
import { firstIssueSentence } from '../schema-sentence';
import { loadSodium } from './sodium';

export const PUBLIC_KEY_BYTES = 32;
export const SECRET_KEY_BYTES = 64;

export interface PublicKey {
  readonly name: string;
  readonly keyid: string;
  readonly publicKey: Uint8Array;
}

export interface KeyPair {
  readonly publicKey: Uint8Array;
  /** libsodium's 64-byte form: the 32-byte seed followed by the public key. */
  readonly secretKey: Uint8Array;
}

export async function generateKeyPair(): Promise<{ publicKey: Uint8Array; secretKey: Uint8Array }> {
  const sodium = await loadSodium();
  const { publicKey, privateKey } = sodium.crypto_sign_keypair();
  return { publicKey, secretKey: privateKey };
}

const NAME_MAX = 128;

/** Key names: shown in the UI, the audit log and memos (see common/text). */
export const KeyNameSchema = plainName(NAME_MAX);

export const KeyIdSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lowercase hexadecimal digits' });

/** Standard padded base64 of exactly `length` bytes. */
export function base64Bytes(length: number): z.ZodString {
  return z.string().refine((text) => decodeStandardBase64(text)?.length === length, {
    message: `must be ${length} bytes in standard padded base64`,
  });
}

/** The fields both key files share: everything about the key that is public. */
export const keyHeaderFields = {
  alg: z.literal('ed25519'),
  keyid: KeyIdSchema,
  publicKey: base64Bytes(PUBLIC_KEY_BYTES),
  name: KeyNameSchema,
};

export const PUBLIC_KEY_FILE_TYPE = 'designation-desk/public-key/v1';

// Strict: an unknown field in a key file is a mistake or an edit, never something to ignore.
export const PublicKeyFileSchema = z.strictObject({
  type: z.literal(PUBLIC_KEY_FILE_TYPE),
  ...keyHeaderFields,
});
export type PublicKeyFile = z.infer<typeof PublicKeyFileSchema>;

export function toPublicKeyFile(name: string, publicKey: Uint8Array): PublicKeyFile {
  return { type: PUBLIC_KEY_FILE_TYPE, ...keyHeader(name, publicKey) };
}

/** The public header of a key file, checking the name and key length as a caller's argument. */
export function keyHeader(
  name: string,
  publicKey: Uint8Array,
): { alg: 'ed25519'; keyid: string; publicKey: string; name: string } {
  if (!KeyNameSchema.safeParse(name).success) {
    throw new DeskError(
      'INVALID_ARGUMENT',
      `A key name must be 1 to ${NAME_MAX} characters with no control or direction characters.`,
    );
  }
  if (publicKey.length !== PUBLIC_KEY_BYTES) {
    throw new DeskError('INVALID_ARGUMENT', 'An Ed25519 public key must be 32 bytes long.');
  }
  return { alg: 'ed25519', keyid: keyIdOf(publicKey), publicKey: encodeBase64(publicKey), name };
}

/** Reads a public key file; throws INVALID_KEY_FILE with a sentence naming what is wrong. */
export function parsePublicKeyFile(json: unknown): PublicKey {
  const parsed = PublicKeyFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new DeskError(
      'INVALID_KEY_FILE',
      firstIssueSentence('The public key file', parsed.error, json),
    );
  }
  return publicKeyFromHeader('The public key file', parsed.data);
}

/** Decodes a schema-checked header and checks that its key id is its public key's. */
export function publicKeyFromHeader(
  subject: string,
  header: { keyid: string; publicKey: string; name: string },
): PublicKey {
  const publicKey = decodeStandardBase64(header.publicKey);
  if (publicKey === null) {
    // The schema has checked this already; kept so the type narrows without an assertion.
    throw new DeskError('INVALID_KEY_FILE', `${subject}'s publicKey is not base64.`);
  }
  if (keyIdOf(publicKey) !== header.keyid) {
    throw new DeskError(
      'INVALID_KEY_FILE',
      `${subject}'s keyid does not match its public key; the file is damaged or has been altered.`,
    );
  }
  return { name: header.name, keyid: header.keyid, publicKey };
}
