/**
 * Threshold sets: classified, so encrypted at rest and readable only by the people each
 * version is wrapped for (docs/formats.md, "Threshold sets (v1)"). The plaintext exists
 * only in this process's memory, for a caller holding an unlocked key; nothing here logs it,
 * audits it or puts it in an error message.
 *
 * Who may do what (roles from the current trust roster):
 * - write a version, grant, revoke: an `authority` who can open the latest version;
 * - read: a recipient of that version who is still in the roster as reviewer, authority or
 *   auditor. A set is trusted only while its signer is a current authority.
 *
 * Revocation re-keys: it removes the person's wrapped keys from every version of the set and
 * writes the next version, re-signed, under a fresh data key for those who remain, so the
 * latest version never opens with a key the revoked person ever held. Granting only wraps
 * the latest version's data key for one more person: the content is unchanged, so the
 * version, its signature and its commitment stay as they are.
 */
import type { DeskDatabase, ThresholdSetListRow, ThresholdSetVersionRow } from '../../db';
import type { AuditLog } from '../audit';
import { sealToKey, wipeBytes, type PublicKey, type UnlockedKey } from '../crypto';
import { DeskError } from '../../common/errors';
import type { Role, TrustService } from '../trust';
import { READER_ROLES, type ThresholdSet, type ThresholdSetMeta } from '../../common/thresholds';
import { parseThresholdSet } from './parse-document';
import { openThresholdSet, sealThresholdSet, type OpenedContent } from './sealed-set';

export interface OpenedThresholdSet {
  readonly meta: ThresholdSetMeta;
  readonly document: ThresholdSet;
  /** Recomputed from the decrypted document and salt; equal to `meta.commitment`. */
  readonly commitment: string;
}

export interface ThresholdService {
  /**
   * Validates, signs as `author`, encrypts for `author` and the readers `grantTo` (keyids of
   * reviewers, authorities or auditors in the roster), and stores a new version.
   */
  importSet(document: unknown, author: UnlockedKey, grantTo: readonly string[]): ThresholdSetMeta;
  /** Metadata of every version of every set, by id then version. */
  list(): ThresholdSetMeta[];
  /** The id of the set changed most recently, the default for an evaluation. */
  latestSetId(): string | undefined;
  open(id: string, version: number | 'latest', user: UnlockedKey): OpenedThresholdSet;
  /** Wraps the latest version's data key for the reader `keyid` as well. */
  grant(id: string, user: UnlockedKey, keyid: string): ThresholdSetMeta;
  /** Removes `keyid`'s access to every version; returns the latest version afterwards. */
  revoke(id: string, user: UnlockedKey, keyid: string): ThresholdSetMeta;
}

export interface ThresholdServiceDeps {
  readonly db: DeskDatabase;
  readonly trust: TrustService;
  readonly audit: AuditLog;
  readonly now: () => Date;
}

export function createThresholdService(deps: ThresholdServiceDeps): ThresholdService {
  const { db, trust, audit, now } = deps;

  const rosterNames = (): Map<string, string> =>
    new Map((trust.current()?.document.keys ?? []).map((k) => [k.keyid, k.name]));

  const toMeta = (row: ThresholdSetListRow, names = rosterNames()): ThresholdSetMeta => ({
    id: row.setId,
    version: row.version,
    author: { keyid: row.authorKeyid, name: names.get(row.authorKeyid) ?? null },
    createdAt: row.createdAt,
    recipients: row.recipients,
    commitment: row.commitment,
  });

  const metaOf = (id: string, version: number): ThresholdSetMeta => {
    const row = db.thresholdSets.version(id, version);
    if (row === undefined) throw notFound(id, version);
    return toMeta({ ...row, recipients: db.thresholdSets.recipients(id, version) });
  };

  /** The roster's copy of a key holding one of `roles`, checked against the caller's copy. */
  const rosterKey = (key: PublicKey, roles: readonly Role[]): PublicKey | undefined => {
    const listed = roles.flatMap((role) => trust.keys(role)).find((k) => k.keyid === key.keyid);
    return listed !== undefined && Buffer.from(listed.publicKey).equals(key.publicKey)
      ? listed
      : undefined;
  };

  const requireAuthority = (user: UnlockedKey, action: string): void => {
    if (trust.current() === null) {
      throw new DeskError(
        'NO_TRUST_ROSTER',
        'No trust roster is pinned on this workstation, so no one holds the authority role. Nothing was changed.',
      );
    }
    if (rosterKey(user, ['authority']) === undefined) {
      throw new DeskError(
        'FORBIDDEN',
        `"${user.name}" does not hold the authority role in the trust roster, which ${action} needs. Nothing was changed.`,
      );
    }
  };

  const requireReader = (key: PublicKey, who: string): PublicKey => {
    const listed = rosterKey(key, READER_ROLES);
    if (listed === undefined) {
      throw new DeskError(
        'NOT_IN_ROSTER',
        `${who} "${key.name}" is not in the trust roster as a reviewer, authority or auditor. Nothing was changed.`,
      );
    }
    return listed;
  };

  /** The roster's key of a reader named by keyid. */
  const readerByKeyid = (keyid: string): PublicKey => {
    const listed = READER_ROLES.flatMap((role) => trust.keys(role)).find((k) => k.keyid === keyid);
    if (listed !== undefined) return listed;
    const name = rosterNames().get(keyid);
    throw new DeskError(
      'NOT_IN_ROSTER',
      name === undefined
        ? `No key ${keyid.slice(0, 12)}… is in the trust roster; only its reviewers, authorities and auditors can be given a threshold set. Nothing was changed.`
        : `The recipient "${name}" is not in the trust roster as a reviewer, authority or auditor. Nothing was changed.`,
    );
  };

  const latestRow = (id: string): ThresholdSetVersionRow => {
    const latest = db.thresholdSets.latestVersion(id);
    const row = latest === undefined ? undefined : db.thresholdSets.version(id, latest);
    if (row === undefined) throw notFound(id, 'latest');
    return row;
  };

  /** Opens a stored version for `user`; the caller must wipe the returned data key. */
  const openRow = (row: ThresholdSetVersionRow, user: UnlockedKey): OpenedContent => {
    requireReader(user, 'The key');
    const wrapped = db.thresholdSets.wrappedKey(row.setId, row.version, user.keyid);
    if (wrapped === undefined) {
      throw new DeskError(
        'NOT_A_RECIPIENT',
        `"${user.name}" is not a recipient of threshold set "${row.setId}" version ${row.version}: access was never granted or has been revoked.`,
      );
    }
    return openThresholdSet(row, wrapped, user, trust.keys('authority'));
  };

  /** Seals and stores `document` as its next version; call inside a transaction. */
  const writeVersion = (
    document: ThresholdSet,
    author: UnlockedKey,
    recipients: readonly PublicKey[],
    reason: string,
  ): ThresholdSetMeta => {
    const expected = (db.thresholdSets.latestVersion(document.id) ?? 0) + 1;
    if (document.version !== expected) {
      throw new DeskError(
        'THRESHOLD_SET_INVALID',
        `The threshold set "${document.id}" must be version ${expected} to follow ${
          expected === 1 ? 'nothing (it is new)' : `version ${expected - 1}`
        }, but it is version ${document.version}. Nothing was changed.`,
      );
    }
    const sealed = sealThresholdSet(document, author, recipients);
    const createdAt = now().toISOString();
    db.thresholdSets.insertVersion({
      setId: document.id,
      version: document.version,
      format: sealed.format,
      authorKeyid: author.keyid,
      createdAt,
      commitment: sealed.commitment,
      nonce: sealed.nonce,
      ciphertext: sealed.ciphertext,
    });
    for (const { keyid, wrapped } of sealed.wrappedKeys) {
      db.thresholdSets.insertWrappedKey(document.id, document.version, keyid, wrapped);
    }
    const recipientKeyids = sealed.wrappedKeys.map((w) => w.keyid).sort();
    audit.record({
      kind: 'thresholds.changed',
      actor: author.name,
      summary: `Threshold set "${document.id}" version ${document.version} written by ${author.name} for ${recipientKeyids.length} recipient(s).`,
      details: {
        id: document.id,
        version: document.version,
        author: author.keyid,
        recipients: recipientKeyids,
        commitment: sealed.commitment,
        reason,
      },
    });
    return toMeta({
      setId: document.id,
      version: document.version,
      format: sealed.format,
      authorKeyid: author.keyid,
      createdAt,
      commitment: sealed.commitment,
      recipients: recipientKeyids,
    });
  };

  return {
    importSet: (input, author, grantTo) => {
      requireAuthority(author, 'writing a threshold set');
      const document = parseThresholdSet(input);
      const recipients = distinct([
        requireReader(author, 'The author'),
        ...grantTo.map(readerByKeyid),
      ]);
      return db.transaction(() => writeVersion(document, author, recipients, 'import'));
    },

    list: () => {
      const names = rosterNames();
      return db.thresholdSets.list().map((row) => toMeta(row, names));
    },
    latestSetId: () =>
      db.thresholdSets
        .list()
        .reduce<ThresholdSetListRow | undefined>(
          (latest, row) =>
            latest === undefined || row.createdAt >= latest.createdAt ? row : latest,
          undefined,
        )?.setId,

    open: (id, version, user) => {
      const row = version === 'latest' ? latestRow(id) : db.thresholdSets.version(id, version);
      if (row === undefined) throw notFound(id, version);
      const opened = openRow(row, user);
      wipeBytes(opened.dataKey);
      // Seeing threshold values is an access to a secret: who saw which version, and when.
      audit.record({
        kind: 'thresholds.opened',
        actor: user.name,
        summary: `${user.name} opened threshold set "${row.setId}" version ${row.version}.`,
        details: { id: row.setId, version: row.version, reader: user.keyid },
      });
      return {
        meta: metaOf(row.setId, row.version),
        document: opened.document,
        commitment: opened.commitment,
      };
    },

    grant: (id, user, keyid) => {
      requireAuthority(user, 'granting access to a threshold set');
      const recipient = readerByKeyid(keyid);
      const row = latestRow(id);
      if (db.thresholdSets.wrappedKey(id, row.version, recipient.keyid) !== undefined) {
        throw new DeskError(
          'INVALID_ARGUMENT',
          `"${recipient.name}" can already read threshold set "${id}" version ${row.version}. Nothing was changed.`,
        );
      }
      const { dataKey } = openRow(row, user);
      try {
        const wrapped = sealToKey(dataKey, recipient);
        db.transaction(() => {
          db.thresholdSets.insertWrappedKey(id, row.version, recipient.keyid, wrapped);
          audit.record({
            kind: 'thresholds.granted',
            actor: user.name,
            summary: `${user.name} granted ${recipient.name} access to threshold set "${id}" version ${row.version}.`,
            details: { id, version: row.version, by: user.keyid, recipient: recipient.keyid },
          });
        });
      } finally {
        wipeBytes(dataKey);
      }
      return metaOf(id, row.version);
    },

    revoke: (id, user, keyid) => {
      requireAuthority(user, 'revoking access to a threshold set');
      if (keyid === user.keyid) {
        throw new DeskError(
          'INVALID_ARGUMENT',
          'You cannot revoke your own access to a threshold set; ask another authority who holds it. Nothing was changed.',
        );
      }
      const row = latestRow(id);
      // Only someone who can read the set may change who reads it (and re-sign it).
      const opened = openRow(row, user);
      wipeBytes(opened.dataKey);
      const held = db.thresholdSets.versionsHeldBy(id, keyid);
      if (held.length === 0) {
        throw new DeskError(
          'INVALID_ARGUMENT',
          `The key ${keyid} is not a recipient of any version of threshold set "${id}". Nothing was changed.`,
        );
      }
      const revokedName = rosterNames().get(keyid) ?? `key ${keyid}`;
      const record = (newVersion: number | null) => {
        audit.record({
          kind: 'thresholds.revoked',
          actor: user.name,
          summary: `${user.name} revoked ${revokedName}'s access to threshold set "${id}".`,
          details: { id, by: user.keyid, revoked: keyid, versions: held, newVersion },
        });
      };
      if (!held.includes(row.version)) {
        // Only older versions held it: nothing new to write, only access to remove.
        db.transaction(() => {
          db.thresholdSets.deleteWrappedKeys(id, keyid);
          record(null);
        });
        return metaOf(id, row.version);
      }
      // Those who remain, as the roster lists them now: a key that has left the roster
      // gets no wrapped key for a version it could not be allowed to open.
      const readers = READER_ROLES.flatMap((role) => trust.keys(role));
      const kept = new Set(db.thresholdSets.recipients(id, row.version).filter((k) => k !== keyid));
      const remaining = distinct([
        requireReader(user, 'The key'),
        ...readers.filter((reader) => kept.has(reader.keyid)),
      ]);
      const next = { ...opened.document, version: row.version + 1 };
      return db.transaction(() => {
        db.thresholdSets.deleteWrappedKeys(id, keyid);
        const meta = writeVersion(next, user, remaining, 'revoke');
        record(meta.version);
        return meta;
      });
    },
  };
}

function distinct(keys: readonly PublicKey[]): PublicKey[] {
  const byKeyid = new Map<string, PublicKey>();
  for (const key of keys) if (!byKeyid.has(key.keyid)) byKeyid.set(key.keyid, key);
  return [...byKeyid.values()];
}

function notFound(id: string, version: number | 'latest'): DeskError {
  return new DeskError(
    'THRESHOLD_SET_NOT_FOUND',
    version === 'latest'
      ? `There is no threshold set "${id}" on this workstation.`
      : `There is no version ${version} of threshold set "${id}" on this workstation.`,
  );
}
