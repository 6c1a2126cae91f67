/**
 * The trust roster: which keys hold which role, and how many signatures each kind of
 * signed object needs. Versions form a chain (TUF root semantics): version 1 is pinned at
 * set-up by its fingerprint; version n+1 must be signed by a threshold of version n's root
 * keys and carry exactly the next version number.
 */
import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { ROLES, THRESHOLD_NAMES, type Role, type ThresholdName } from '../../common/trust';
import { keyIdOf, sha256Hex, type PublicKey } from '../crypto';

export const ROSTER_TYPE = 'designation-desk/trust-roster/v1';
export const ROSTER_PREDICATE_TYPE = 'urn:designation-desk:trust-roster:v1';

const Base64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be the base64 of 32 bytes');

const RosterKeySchema = z.strictObject({
  keyid: z.string().regex(/^[0-9a-f]{64}$/),
  publicKey: Base64Key,
  name: z.string().min(1).max(200),
  roles: z.array(z.enum(ROLES)).min(1),
});
export type RosterKey = z.infer<typeof RosterKeySchema>;

export const RosterDocumentSchema = z
  .strictObject({
    type: z.literal(ROSTER_TYPE),
    version: z.number().int().min(1),
    issuedAt: z.iso.datetime(),
    keys: z.array(RosterKeySchema),
    thresholds: z.strictObject(
      Object.fromEntries(THRESHOLD_NAMES.map((n) => [n, z.number().int().min(1)])) as Record<
        ThresholdName,
        z.ZodNumber
      >,
    ),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    for (const key of doc.keys) {
      if (seen.has(key.keyid))
        ctx.addIssue({ code: 'custom', message: `key ${key.keyid} is listed twice` });
      seen.add(key.keyid);
      if (keyIdOf(Buffer.from(key.publicKey, 'base64')) !== key.keyid) {
        ctx.addIssue({
          code: 'custom',
          message: `key "${key.name}" has a keyid that is not the SHA-256 of its public key`,
        });
      }
    }
    const roots = doc.keys.filter((k) => k.roles.includes('root')).length;
    if (roots < doc.thresholds.root) {
      ctx.addIssue({
        code: 'custom',
        message: `it has ${roots} root key(s) but needs ${doc.thresholds.root} root signatures, which would lock the roster`,
      });
    }
  });
export type RosterDocument = z.infer<typeof RosterDocumentSchema>;

export function canonicalRoster(document: RosterDocument): Uint8Array {
  return new TextEncoder().encode(canonicalJson(document));
}

export function rosterDigest(document: RosterDocument): string {
  return sha256Hex(canonicalRoster(document));
}

export function keysWithRole(document: RosterDocument, role: Role): PublicKey[] {
  return document.keys
    .filter((key) => key.roles.includes(role))
    .map((key) => ({
      name: key.name,
      keyid: key.keyid,
      publicKey: new Uint8Array(Buffer.from(key.publicKey, 'base64')),
    }));
}

export function rosterKey(key: PublicKey, roles: readonly Role[]): RosterKey {
  return {
    keyid: key.keyid,
    publicKey: Buffer.from(key.publicKey).toString('base64'),
    name: key.name,
    roles: [...roles],
  };
}

/** Groups a keyid for reading aloud when comparing fingerprints out of band. */
export function formatFingerprint(keyid: string): string {
  return (keyid.match(/.{1,4}/g) ?? []).join(' ');
}
