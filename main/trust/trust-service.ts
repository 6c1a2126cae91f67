import type { DeskDatabase } from '../../db';
import type { AuditLog } from '../audit';
import {
  signEnvelope,
  verifyEnvelope,
  type Envelope,
  type PublicKey,
  type UnlockedKey,
} from '../crypto';
import { DeskError } from '../../common/errors';
import type { RosterView } from '../../common/trust';
import { IN_TOTO_PAYLOAD_TYPE, makeStatement, parseStatement } from '../in-toto';
import {
  canonicalRoster,
  keysWithRole,
  ROSTER_PREDICATE_TYPE,
  ROSTER_TYPE,
  RosterDocumentSchema,
  rosterDigest,
  rosterKey,
  type RosterDocument,
} from './roster';
import type { Role, ThresholdName } from '../../common/trust';

export interface Roster {
  readonly document: RosterDocument;
  readonly digest: string;
  readonly installedAt: string;
}

export interface RosterChange {
  /** Add a key with these roles (merged into its roles if the key is already listed). */
  readonly add?: { readonly key: PublicKey; readonly roles: readonly Role[] };
  /** Remove a role from a key; the key leaves the roster when it has no role left. */
  readonly remove?: { readonly keyid: string; readonly role: Role };
  readonly thresholds?: Partial<Record<ThresholdName, number>>;
}

export interface TrustService {
  current(): Roster | null;
  /** What Settings shows of the current roster: versions, thresholds, names, roles, keyids. */
  view(): RosterView | null;
  history(): Roster[];
  /** Pins version 1 from root public keys checked out of band. Refused if a roster exists. */
  pin(roots: readonly PublicKey[], rootThreshold: number): Roster;
  /** The next version's document with `change` applied, ready to be signed. */
  propose(change: RosterChange): RosterDocument;
  /** Signs a proposed document with root keys and installs it. */
  signAndInstall(document: RosterDocument, signers: readonly UnlockedKey[]): Roster;
  /** Verifies a signed next version against the current roster and installs it. */
  install(envelope: unknown): Roster;
  keys(role: Role): PublicKey[];
  threshold(name: ThresholdName): number;
}

const DEFAULT_THRESHOLDS = { lab: 1, recommendation: 1, decision: 1, export: 1 } as const;

export function createTrustService(
  db: DeskDatabase,
  audit: AuditLog,
  now: () => Date,
): TrustService {
  const toRoster = (row: { document: string; digest: string; installedAt: string }): Roster => ({
    document: RosterDocumentSchema.parse(JSON.parse(row.document)),
    digest: row.digest,
    installedAt: row.installedAt,
  });

  const current = (): Roster | null => {
    const row = db.roster.latest();
    return row === undefined ? null : toRoster(row);
  };

  const requireCurrent = (): Roster => {
    const roster = current();
    if (roster === null) {
      throw new DeskError(
        'NO_TRUST_ROSTER',
        'No trust roster is pinned on this workstation; pin its root keys with "desk init --root" first. Nothing was changed.',
      );
    }
    return roster;
  };

  const store = (document: RosterDocument, envelope: Envelope | null): Roster => {
    const installedAt = now().toISOString();
    const digest = rosterDigest(document);
    db.transaction(() => {
      db.roster.insert({
        version: document.version,
        document: new TextDecoder().decode(canonicalRoster(document)),
        digest,
        envelope: envelope === null ? null : JSON.stringify(envelope),
        installedAt,
      });
      audit.record({
        kind: envelope === null ? 'trust.pinned' : 'trust.updated',
        actor: null,
        summary:
          envelope === null
            ? `Trust roster version 1 pinned with root key(s) ${keysWithRole(document, 'root')
                .map((k) => k.name)
                .join(', ')}.`
            : `Trust roster version ${document.version} installed.`,
        details: {
          version: document.version,
          digest,
          keys: document.keys.map((k) => ({ keyid: k.keyid, name: k.name, roles: k.roles })),
          thresholds: document.thresholds,
        },
      });
    });
    return { document, digest, installedAt };
  };

  const service: TrustService = {
    current,
    history: () => db.roster.all().map(toRoster),

    pin: (roots, rootThreshold) => {
      if (current() !== null) {
        throw new DeskError(
          'ALREADY_PINNED',
          'A trust roster is already pinned; change it with a signed new version. Nothing was changed.',
        );
      }
      const document = validate({
        type: ROSTER_TYPE,
        version: 1,
        issuedAt: now().toISOString(),
        keys: roots.map((key) => rosterKey(key, ['root'])),
        thresholds: { root: rootThreshold, ...DEFAULT_THRESHOLDS },
      });
      return store(document, null);
    },

    propose: (change) => {
      const { document } = requireCurrent();
      let keys = [...document.keys];
      if (change.add) {
        const { key, roles } = change.add;
        const existing = keys.find((k) => k.keyid === key.keyid);
        keys = existing
          ? keys.map((k) =>
              k === existing ? { ...k, roles: [...new Set([...k.roles, ...roles])] } : k,
            )
          : [...keys, rosterKey(key, roles)];
      }
      if (change.remove) {
        const { keyid, role } = change.remove;
        const existing = keys.find((k) => k.keyid === keyid);
        if (existing === undefined || !existing.roles.includes(role)) {
          throw new DeskError(
            'INVALID_ARGUMENT',
            `No key ${keyid} holds the ${role} role in the roster. Nothing was changed.`,
          );
        }
        keys = keys
          .map((k) => (k === existing ? { ...k, roles: k.roles.filter((r) => r !== role) } : k))
          .filter((k) => k.roles.length > 0);
      }
      return validate({
        ...document,
        version: document.version + 1,
        issuedAt: now().toISOString(),
        keys,
        thresholds: { ...document.thresholds, ...change.thresholds },
      });
    },

    signAndInstall: (document, signers) => {
      const payload = makeStatement(
        [{ name: 'trust-roster', digest: { sha256: rosterDigest(document) } }],
        ROSTER_PREDICATE_TYPE,
        document,
      );
      return service.install(signEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, signers));
    },

    install: (envelope) => {
      const { document: previous } = requireCurrent();
      const verified = verifyEnvelope(envelope, {
        trustedKeys: keysWithRole(previous, 'root'),
        threshold: previous.thresholds.root,
        payloadTypes: [IN_TOTO_PAYLOAD_TYPE],
      });
      if (!verified.ok) throw refused(verified.reason);
      const statement = parseStatement(verified.payload, ROSTER_PREDICATE_TYPE);
      if (!statement.ok) throw refused(statement.reason);
      const parsed = RosterDocumentSchema.safeParse(statement.statement.predicate);
      if (!parsed.success)
        throw refused(`the new roster is invalid: ${parsed.error.issues[0]?.message ?? 'schema'}`);
      const document = parsed.data;
      const subject = statement.statement.subject.find((s) => s.name === 'trust-roster');
      if (subject?.digest.sha256 !== rosterDigest(document)) {
        throw refused('the statement subject does not match the roster it carries');
      }
      if (document.version !== previous.version + 1) {
        throw refused(
          `it is version ${document.version}, but the next version must be ${previous.version + 1}`,
        );
      }
      return store(document, envelope as Envelope);
    },

    view: () => {
      const roster = current();
      if (roster === null) return null;
      const { document } = roster;
      return {
        version: document.version,
        digest: roster.digest,
        installedAt: roster.installedAt,
        thresholds: document.thresholds,
        keys: document.keys.map(({ name, keyid, roles }) => ({ name, keyid, roles })),
      };
    },

    keys: (role) => {
      const roster = current();
      return roster === null ? [] : keysWithRole(roster.document, role);
    },
    threshold: (name) => requireCurrent().document.thresholds[name],
  };
  return service;
}

function validate(document: RosterDocument): RosterDocument {
  const parsed = RosterDocumentSchema.safeParse(document);
  if (!parsed.success) {
    throw new DeskError(
      'INVALID_ARGUMENT',
      `That roster would be invalid: ${parsed.error.issues[0]?.message ?? 'schema'}. Nothing was changed.`,
    );
  }
  return parsed.data;
}

function refused(reason: string): DeskError {
  return new DeskError(
    'ROSTER_REJECTED',
    `The new trust roster was refused: ${reason}. Nothing was changed.`,
  );
}
