/** Audit events as every process sees them. */
import { z } from 'zod';

/** Kinds of security-relevant event; later capabilities add theirs here. */
export const AUDIT_EVENT_KINDS = [
  'workstation.initialised',
  'trust.pinned',
  'trust.updated',
  'bundle.imported',
  'bundle.rejected',
  'bundle.quarantined',
  'bundle.mapping-accepted',
  'identity.enrolled',
  'identity.unlocked',
  'identity.unlock-failed',
  'identity.locked',
  'thresholds.changed',
  'thresholds.granted',
  'thresholds.revoked',
  'thresholds.opened',
  'evidence.sample-opened',
  'tasks.reference-imported',
] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

export const AUDIT_PAGE_MAX = 200;

/**
 * Which events a page holds: of one kind, by one person (null: the workstation itself), and
 * naming an object (a log, a sample, a threshold set, a file: any text in the event).
 */
export const AuditFilterSchema = z.strictObject({
  kind: z.enum(AUDIT_EVENT_KINDS).nullable(),
  /** An identity's name as recorded; "" for events of the workstation itself. */
  actor: z.string().max(200).nullable(),
  object: z.string().min(1).max(200).nullable(),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const NO_AUDIT_FILTER: AuditFilter = { kind: null, actor: null, object: null };

export const AuditEventSchema = z.strictObject({
  seq: z.number().int().positive(),
  recordedAt: z.iso.datetime(),
  kind: z.enum(AUDIT_EVENT_KINDS),
  actor: z.string().nullable(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()).readonly(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditPageSchema = z.strictObject({
  events: z.array(AuditEventSchema).readonly(),
  total: z.number().int().nonnegative(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
