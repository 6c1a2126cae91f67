import { z } from 'zod';
import { Sha256HexSchema } from '../digest';
import { KeyIdSchema, type Role } from '../trust';

/** Roles whose holders may be given a threshold set to read. Labs are the ones measured. */
export const READER_ROLES = ['reviewer', 'authority', 'auditor'] as const satisfies readonly Role[];
export type ReaderRole = (typeof READER_ROLES)[number];

/** Everything about a threshold set version that is not classified. */
export const ThresholdSetMetaSchema = z.strictObject({
  id: z.string(),
  version: z.number().int(),
  /** The authority who signed it; `name` from the current roster, null if no longer listed. */
  author: z.strictObject({ keyid: KeyIdSchema, name: z.string().nullable() }),
  createdAt: z.string(),
  /** Keyids the version's data key is wrapped for, sorted. */
  recipients: z.array(KeyIdSchema).readonly(),
  /** The salted commitment (hex SHA-256) that decisions cite. */
  commitment: Sha256HexSchema,
});
export type ThresholdSetMeta = z.infer<typeof ThresholdSetMetaSchema>;
