/**
 * Roles and signature thresholds of the trust roster, and what the renderer may see of a
 * roster version. The roster document itself (and its checks) lives in main/trust.
 */
import { z } from 'zod';
import { Sha256HexSchema } from '../digest';

export const ROLES = ['root', 'lab', 'reviewer', 'authority', 'auditor', 'workstation'] as const;
export type Role = (typeof ROLES)[number];

/** Signature thresholds: roster changes, lab bundles, recommendations, decisions, exports. */
export const THRESHOLD_NAMES = ['root', 'lab', 'recommendation', 'decision', 'export'] as const;
export type ThresholdName = (typeof THRESHOLD_NAMES)[number];

/** A key id: the SHA-256 of the raw 32-byte Ed25519 public key. */
export const KeyIdSchema = Sha256HexSchema;

export const RosterViewSchema = z.strictObject({
  version: z.number().int(),
  digest: Sha256HexSchema,
  installedAt: z.string(),
  thresholds: z.strictObject(
    Object.fromEntries(THRESHOLD_NAMES.map((n) => [n, z.number().int()])) as Record<
      ThresholdName,
      z.ZodNumber
    >,
  ),
  keys: z
    .array(
      z.strictObject({
        name: z.string(),
        keyid: KeyIdSchema,
        roles: z.array(z.enum(ROLES)).readonly(),
      }),
    )
    .readonly(),
});
export type RosterView = z.infer<typeof RosterViewSchema>;
