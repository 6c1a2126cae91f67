import type { AuditEventRow, DeskDatabase } from '../../db';
import {
  AUDIT_EVENT_KINDS,
  type AuditEvent,
  type AuditEventKind,
  NO_AUDIT_FILTER,
  type AuditFilter,
  type AuditPage,
} from '../../common/audit';
import { printable } from '../../common/text';
import { canonicalJson, type JsonValue } from '../canonical-json';

export interface AuditEventInput {
  readonly kind: AuditEventKind;
  /** Who acted: an identity name, or null for the workstation itself. */
  readonly actor: string | null;
  /** One sentence for people. */
  readonly summary: string;
  /** Structured facts; never secrets. */
  readonly details: { readonly [key: string]: JsonValue };
}

export interface AuditLog {
  record(event: AuditEventInput): number;
  page(limit: number, beforeSeq: number | null, filter?: AuditFilter): AuditPage;
  ofKind(kind: AuditEventKind): AuditEvent[];
}

/**
 * Every string an event holds is stored escaped with printable(): summaries quote file
 * names, entry names and reasons from hostile evidence, and a raw ESC, CR, LF or bidi
 * control in them would forge or hide lines wherever the log is printed or exported.
 */
export function createAuditLog(db: DeskDatabase, now: () => Date): AuditLog {
  return {
    record: (event) =>
      db.audit.append({
        recordedAt: now().toISOString(),
        kind: event.kind,
        actor: event.actor === null ? null : printable(event.actor),
        summary: printable(event.summary),
        details: canonicalJson(printableValues(event.details)),
      }),
    page: (limit, beforeSeq, filter = NO_AUDIT_FILTER) => {
      // Stored strings are escaped (printable), so the filter's are too, to match them.
      const stored = {
        kind: filter.kind,
        actor: filter.actor === null ? null : printable(filter.actor),
        object: filter.object === null ? null : printable(filter.object),
      };
      return {
        events: db.audit.list(limit, beforeSeq, stored).map(toAuditEvent),
        total: db.audit.count(stored),
      };
    },
    ofKind: (kind) => db.audit.byKind(kind).map(toAuditEvent),
  };
}

function printableValues(value: JsonValue): JsonValue {
  if (typeof value === 'string') return printable(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(printableValues);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [printable(key), printableValues(item)]),
  );
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  const kind = AUDIT_EVENT_KINDS.find((k) => k === row.kind);
  // Only record() writes events, with a known kind: anything else is a damaged database.
  if (kind === undefined) throw new Error(`audit event ${row.seq} has an unknown kind`);
  return { ...row, kind, details: JSON.parse(row.details) as Record<string, unknown> };
}
