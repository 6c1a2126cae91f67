import type Database from 'better-sqlite3';

/** What may be shown without unlocking anything: no name, notes or rules. */
export interface ThresholdSetMetaRow {
  readonly setId: string;
  readonly version: number;
  readonly format: string;
  readonly authorKeyid: string;
  readonly createdAt: string;
  readonly commitment: string;
}

export interface ThresholdSetVersionRow extends ThresholdSetMetaRow {
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export interface ThresholdSetListRow extends ThresholdSetMetaRow {
  /** Recipient keyids, sorted. */
  readonly recipients: readonly string[];
}

export interface ThresholdSetStatements {
  latestVersion(setId: string): number | undefined;
  version(setId: string, version: number): ThresholdSetVersionRow | undefined;
  insertVersion(row: ThresholdSetVersionRow): void;
  insertWrappedKey(
    setId: string,
    version: number,
    recipientKeyid: string,
    wrapped: Uint8Array,
  ): void;
  wrappedKey(setId: string, version: number, recipientKeyid: string): Uint8Array | undefined;
  /** Recipient keyids of one version, sorted. */
  recipients(setId: string, version: number): string[];
  /** The versions of a set that `recipientKeyid` holds a wrapped key for, ascending. */
  versionsHeldBy(setId: string, recipientKeyid: string): number[];
  /** Removes `recipientKeyid`'s wrapped keys from every version of the set; returns how many. */
  deleteWrappedKeys(setId: string, recipientKeyid: string): number;
  /** Every version of every set, by id then version. */
  list(): ThresholdSetListRow[];
}

export function thresholdSetStatements(db: Database.Database): ThresholdSetStatements {
  const meta = `set_id AS setId, version, format, author_keyid AS authorKeyid,
                created_at AS createdAt, commitment`;
  const latest = db.prepare<[string], { version: number | null }>(
    `SELECT max(version) AS version FROM threshold_set_version WHERE set_id = ?`,
  );
  const version = db.prepare<[string, number], ThresholdSetVersionRow>(
    `SELECT ${meta}, nonce, ciphertext FROM threshold_set_version WHERE set_id = ? AND version = ?`,
  );
  const insertVersion = db.prepare(
    `INSERT INTO threshold_set_version
       (set_id, version, format, author_keyid, created_at, commitment, nonce, ciphertext)
     VALUES (@setId, @version, @format, @authorKeyid, @createdAt, @commitment, @nonce, @ciphertext)`,
  );
  const insertKey = db.prepare<[string, number, string, Uint8Array]>(
    `INSERT INTO threshold_set_key (set_id, version, recipient_keyid, wrapped_key) VALUES (?, ?, ?, ?)`,
  );
  const wrappedKey = db.prepare<[string, number, string], { wrapped: Uint8Array }>(
    `SELECT wrapped_key AS wrapped FROM threshold_set_key
      WHERE set_id = ? AND version = ? AND recipient_keyid = ?`,
  );
  const recipients = db.prepare<[string, number], { keyid: string }>(
    `SELECT recipient_keyid AS keyid FROM threshold_set_key
      WHERE set_id = ? AND version = ? ORDER BY recipient_keyid`,
  );
  const heldBy = db.prepare<[string, string], { version: number }>(
    `SELECT version FROM threshold_set_key WHERE set_id = ? AND recipient_keyid = ? ORDER BY version`,
  );
  const deleteKeys = db.prepare<[string, string]>(
    `DELETE FROM threshold_set_key WHERE set_id = ? AND recipient_keyid = ?`,
  );
  const list = db.prepare<[], ThresholdSetMetaRow & { recipients: string }>(
    `SELECT ${meta},
            (SELECT json_group_array(keyid) FROM
               (SELECT k.recipient_keyid AS keyid FROM threshold_set_key k
                 WHERE k.set_id = v.set_id AND k.version = v.version
                 ORDER BY k.recipient_keyid)) AS recipients
       FROM threshold_set_version v
      ORDER BY set_id, version`,
  );

  return {
    latestVersion: (setId) => latest.get(setId)?.version ?? undefined,
    version: (setId, v) => version.get(setId, v),
    insertVersion: (row) => {
      insertVersion.run(row);
    },
    insertWrappedKey: (setId, v, keyid, wrapped) => {
      insertKey.run(setId, v, keyid, wrapped);
    },
    wrappedKey: (setId, v, keyid) => wrappedKey.get(setId, v, keyid)?.wrapped,
    recipients: (setId, v) => recipients.all(setId, v).map((r) => r.keyid),
    versionsHeldBy: (setId, keyid) => heldBy.all(setId, keyid).map((r) => r.version),
    deleteWrappedKeys: (setId, keyid) => deleteKeys.run(setId, keyid).changes,
    list: () =>
      list.all().map((row) => ({ ...row, recipients: JSON.parse(row.recipients) as string[] })),
  };
}
