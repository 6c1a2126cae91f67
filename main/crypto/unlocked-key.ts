/**
 * An unlocked secret key: it can sign, and open what was sealed to it, until it is wiped.
 * The secret bytes live only in this closure, never on a property, so logging or
 * serialising an UnlockedKey (or sending it across IPC by mistake) cannot reveal them.
 */
import { DeskError } from '../../common/errors';
import type { PublicKey } from './keys';
import { openSealedBox } from './sealed-box';
import { readySodium } from './sodium';

export interface UnlockedKey extends PublicKey {
  /** Ed25519 signature (64 bytes) over `message`; throws KEY_LOCKED after `wipe()`. */
  sign(message: Uint8Array): Uint8Array;
  /**
   * Opens a sealed box made by `sealToKey` for this key. Throws NOT_A_RECIPIENT when it was
   * sealed to another key or has been altered, and KEY_LOCKED after `wipe()`.
   */
  openSealed(sealed: Uint8Array): Uint8Array;
  /** Zeroes the secret key in memory. Idempotent. */
  wipe(): void;
}

/** Takes ownership of `secretKey`: the caller must not keep or reuse the array. */
export function unlockedKeyFrom(identity: PublicKey, secretKey: Uint8Array): UnlockedKey {
  let wiped = false;
  return Object.freeze({
    name: identity.name,
    keyid: identity.keyid,
    publicKey: Uint8Array.from(identity.publicKey),
    sign(message: Uint8Array): Uint8Array {
      if (wiped) {
        throw new DeskError(
          'KEY_LOCKED',
          `The key "${identity.name}" has been locked; unlock it again to sign.`,
        );
      }
      return readySodium().crypto_sign_detached(message, secretKey);
    },
    openSealed(sealed: Uint8Array): Uint8Array {
      if (wiped) {
        throw new DeskError(
          'KEY_LOCKED',
          `The key "${identity.name}" has been locked; unlock it again to open what was encrypted to it.`,
        );
      }
      return openSealedBox(sealed, identity, secretKey);
    },
    wipe(): void {
      if (wiped) return;
      readySodium().memzero(secretKey);
      wiped = true;
    },
  });
}
