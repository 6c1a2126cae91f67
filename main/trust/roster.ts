/**
 * The trust roster: which keys hold which role, and how many signatures each kind of
 * signed object needs. Versions form a chain (TUF root semantics): version 1 is pinned at
 * set-up by its fingerprint; version n+1 must be signed by a threshold of version n's root
 * keys and by a threshold of its own, carry exactly the next version number and a later
 * `issuedAt` (chain.ts). Duties are separated (docs/security.md, "Trust roster").
 */
import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { ROLES, THRESHOLD_NAMES, type Role, type ThresholdName } from '../../common/trust';
import { keyIdOf, KeyNameSchema, sha256Hex, type PublicKey } from '../crypto';

export const ROSTER_TYPE = 'designation-desk/trust-roster/v1';
export const ROSTER_PREDICATE_TYPE = 'urn:designation-desk:trust-roster:v1';

const Base64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be the base64 of 32 bytes');

const RosterKeySchema = z.strictObject({
  keyid: z.string().regex(/^[0-9a-f]{64}$/),
  publicKey: Base64Key,
  name: KeyNameSchema,
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
    for (const key of doc.keys) {
      const conflict = dutyConflict(key.roles);
      if (conflict !== null)
        ctx.addIssue({ code: 'custom', message: `key "${key.name}" ${conflict}` });
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

/**
 * Separation of duties: who changes the roster, who is measured and who decides are never
 * one key. Root and lab keys hold no other role; no key both recommends and decides.
 */
function dutyConflict(roles: readonly Role[]): string | null {
  if (new Set(roles).size !== roles.length) return 'lists a role twice';
  for (const sole of ['root', 'lab'] as const) {
    if (roles.includes(sole) && roles.length > 1)
      return `holds the ${sole} role with another role (a ${sole} key may hold no other)`;
  }
  if (roles.includes('reviewer') && roles.includes('authority'))
    return 'holds both the reviewer and the authority role (one key may not recommend and decide)';
  return null;
}

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
