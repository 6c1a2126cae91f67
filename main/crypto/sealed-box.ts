/**
 * Anonymous public-key encryption to a person's signing key: libsodium's sealed box
 * (`crypto_box_seal`: an ephemeral X25519 key, X25519 + XSalsa20-Poly1305) sent to the
 * X25519 key converted from the recipient's Ed25519 public key. Used to wrap a data key
 * for each person allowed to read something (docs/formats.md, "Threshold sets").
 *
 * One key pair for signing and for receiving: the conversion is libsodium's
 * (`crypto_sign_ed25519_pk_to_curve25519`), and using an Ed25519 key this way alongside
 * signatures has a security proof (Thormarker, "On using the same key pair for Ed25519
 * and an X25519 based KEM", 2021). It spares every person a second key to enrol and pin.
 */
import { DeskError } from '../../common/errors';
import { PUBLIC_KEY_BYTES, SECRET_KEY_BYTES, type PublicKey } from './keys';
import { readySodium } from './sodium';

/** Encrypts `message` so that only the holder of `recipient`'s secret key can open it. */
export function sealToKey(message: Uint8Array, recipient: PublicKey): Uint8Array {
  const sodium = readySodium();
  return sodium.crypto_box_seal(message, recipientX25519(recipient));
}

function recipientX25519(recipient: PublicKey): Uint8Array {
  const unusable = new DeskError(
    'INVALID_ARGUMENT',
    `The public key "${recipient.name}" cannot receive encrypted messages: it is not a valid Ed25519 key.`,
  );
  if (recipient.publicKey.length !== PUBLIC_KEY_BYTES) throw unusable;
  try {
    // libsodium refuses points of small order and encodings that are not on the curve.
    return readySodium().crypto_sign_ed25519_pk_to_curve25519(recipient.publicKey);
  } catch {
    throw unusable;
  }
}

/**
 * Opens a sealed box with an Ed25519 key pair (libsodium's 64-byte secret key). The
 * converted X25519 secret key is zeroed before returning. NOT_A_RECIPIENT when the box
 * was not sealed to this key, or has been altered: the two cannot be told apart.
 */
export function openSealedBox(
  sealed: Uint8Array,
  identity: PublicKey,
  ed25519SecretKey: Uint8Array,
): Uint8Array {
  const sodium = readySodium();
  const notRecipient = new DeskError(
    'NOT_A_RECIPIENT',
    `This message was not encrypted to the key "${identity.name}", or it has been altered.`,
  );
  if (sealed.length < sodium.crypto_box_SEALBYTES || ed25519SecretKey.length !== SECRET_KEY_BYTES) {
    throw notRecipient;
  }
  const publicKey = recipientX25519(identity);
  const secretKey = sodium.crypto_sign_ed25519_sk_to_curve25519(ed25519SecretKey);
  try {
    return sodium.crypto_box_seal_open(sealed, publicKey, secretKey);
  } catch {
    // libsodium throws one error for every failure to open; there is nothing more in it.
    throw notRecipient;
  } finally {
    sodium.memzero(secretKey);
  }
}
