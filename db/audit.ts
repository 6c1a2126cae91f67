import type Database from 'better-sqlite3';

export interface AuditEventRow {
  readonly seq: number;
  readonly recordedAt: string;
  readonly kind: string;
  readonly actor: string | null;
  readonly summary: string;
  /** Canonical JSON text. */
  readonly details: string;
}

export type NewAuditEventRow = Omit<AuditEventRow, 'seq'>;

/** Which events: null fields match every event; actor "" is the workstation itself. */
export interface AuditRowFilter {
  readonly kind: string | null;
  readonly actor: string | null;
  /** Text the summary or the details hold. */
  readonly object: string | null;
}

const EVERY_EVENT: AuditRowFilter = { kind: null, actor: null, object: null };

export interface AuditStatements {
  append(event: NewAuditEventRow): number;
  /** Newest first; `beforeSeq` pages backwards. */
  list(limit: number, beforeSeq: number | null, filter?: AuditRowFilter): AuditEventRow[];
  count(filter?: AuditRowFilter): number;
  /** Oldest first. */
  byKind(kind: string): AuditEventRow[];
}

export function auditStatements(db: Database.Database): AuditStatements {
  const insert = db.prepare<[string, string, string | null, string, string]>(
    `INSERT INTO audit_event (recorded_at, kind, actor, summary, details) VALUES (?, ?, ?, ?, ?)`,
  );
  // instr, not LIKE: an object's text is matched as written, % and _ included.
  const MATCHES = `(@kind IS NULL OR kind = @kind)
        AND (@actor IS NULL OR (@actor = '' AND actor IS NULL) OR actor = @actor)
        AND (@object IS NULL OR instr(summary, @object) > 0 OR instr(details, @object) > 0)`;
  type Bound = AuditRowFilter & { readonly before: number | null; readonly limit: number };
  const page = db.prepare<Bound, AuditEventRow>(
    `SELECT seq, recorded_at AS recordedAt, kind, actor, summary, details
       FROM audit_event
      WHERE (@before IS NULL OR seq < @before) AND ${MATCHES}
      ORDER BY seq DESC
      LIMIT @limit`,
  );
  const count = db.prepare<AuditRowFilter, { n: number }>(
    `SELECT count(*) AS n FROM audit_event WHERE ${MATCHES}`,
  );
  const byKind = db.prepare<[string], AuditEventRow>(
    `SELECT seq, recorded_at AS recordedAt, kind, actor, summary, details
       FROM audit_event WHERE kind = ? ORDER BY seq`,
  );
  return {
    append: (e) =>
      Number(insert.run(e.recordedAt, e.kind, e.actor, e.summary, e.details).lastInsertRowid),
    list: (limit, beforeSeq, filter = EVERY_EVENT) =>
      page.all({ ...filter, before: beforeSeq, limit }),
    count: (filter = EVERY_EVENT) => count.get({ ...filter })?.n ?? 0,
    byKind: (kind) => byKind.all(kind),
  };
}
