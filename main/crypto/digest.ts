import { createHash } from 'node:crypto';

/** Lowercase hex SHA-256, the digest every format of ours uses (DESIGN.md §5). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A key id is the hex SHA-256 of the raw 32-byte Ed25519 public key: derived, so it can
 * always be recomputed and checked, never just believed.
 */
export function keyIdOf(publicKey: Uint8Array): string {
  return sha256Hex(publicKey);
}
