import type { AuditEventRow, DeskDatabase } from '../../db';
import { canonicalJson, type JsonValue } from '../canonical-json';

/** Kinds of security-relevant event; later capabilities add theirs here. */
export const AUDIT_EVENT_KINDS = [
  'workstation.initialised',
  'trust.pinned',
  'trust.updated',
  'bundle.imported',
  'bundle.rejected',
  'identity.enrolled',
  'identity.unlocked',
  'identity.unlock-failed',
  'identity.locked',
  'thresholds.changed',
  'thresholds.granted',
  'thresholds.revoked',
] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

export interface AuditEventInput {
  readonly kind: AuditEventKind;
  /** Who acted: an identity name, or null for the workstation itself. */
  readonly actor: string | null;
  /** One sentence for people. */
  readonly summary: string;
  /** Structured facts; never secrets. */
  readonly details: { readonly [key: string]: JsonValue };
}

export interface AuditEvent {
  readonly seq: number;
  readonly recordedAt: string;
  readonly kind: string;
  readonly actor: string | null;
  readonly summary: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface AuditPage {
  readonly events: readonly AuditEvent[];
  readonly total: number;
}

export interface AuditLog {
  record(event: AuditEventInput): number;
  page(limit: number, beforeSeq: number | null): AuditPage;
  ofKind(kind: AuditEventKind): AuditEvent[];
}

export function createAuditLog(db: DeskDatabase, now: () => Date): AuditLog {
  return {
    record: (event) =>
      db.audit.append({
        recordedAt: now().toISOString(),
        kind: event.kind,
        actor: event.actor,
        summary: event.summary,
        details: canonicalJson(event.details),
      }),
    page: (limit, beforeSeq) => ({
      events: db.audit.list(limit, beforeSeq).map(toAuditEvent),
      total: db.audit.count(),
    }),
    ofKind: (kind) => db.audit.byKind(kind).map(toAuditEvent),
  };
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
}
