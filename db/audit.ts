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

export interface AuditStatements {
  append(event: NewAuditEventRow): number;
  /** Newest first; `beforeSeq` pages backwards. */
  list(limit: number, beforeSeq: number | null): AuditEventRow[];
  count(): number;
  /** Oldest first. */
  byKind(kind: string): AuditEventRow[];
}

export function auditStatements(db: Database.Database): AuditStatements {
  const insert = db.prepare<[string, string, string | null, string, string]>(
    `INSERT INTO audit_event (recorded_at, kind, actor, summary, details) VALUES (?, ?, ?, ?, ?)`,
  );
  const page = db.prepare<[number | null, number | null, number], AuditEventRow>(
    `SELECT seq, recorded_at AS recordedAt, kind, actor, summary, details
       FROM audit_event
      WHERE (? IS NULL OR seq < ?)
      ORDER BY seq DESC
      LIMIT ?`,
  );
  const count = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM audit_event`);
  const byKind = db.prepare<[string], AuditEventRow>(
    `SELECT seq, recorded_at AS recordedAt, kind, actor, summary, details
       FROM audit_event WHERE kind = ? ORDER BY seq`,
  );
  return {
    append: (e) =>
      Number(insert.run(e.recordedAt, e.kind, e.actor, e.summary, e.details).lastInsertRowid),
    list: (limit, beforeSeq) => page.all(beforeSeq, beforeSeq, limit),
    count: () => count.get()?.n ?? 0,
    byKind: (kind) => byKind.all(kind),
  };
}
