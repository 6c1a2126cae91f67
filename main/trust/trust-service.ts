import type { DeskDatabase } from '../../db';
import type { AuditLog } from '../audit';
import type { RosterVersionRow } from '../../db';
import { signEnvelope, type Envelope, type PublicKey, type UnlockedKey } from '../crypto';
import { printable } from '../../common/text';
import { verifyChain, verifyNextVersion } from './chain';
import { DeskError } from '../../common/errors';
import type { RosterView } from '../../common/trust';
import { IN_TOTO_PAYLOAD_TYPE, makeStatement } from '../in-toto';
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
import { firstIssuePhrase } from '../schema-sentence';

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

/**
 * The service verifies the stored chain from the pinned root when it is created (every start
 * of the app or a CLI command) and again whenever the stored rows change: a break throws
 * ROSTER_TAMPERED from every read, so nothing from a tampered roster is trusted.
 */
export function createTrustService(
  db: DeskDatabase,
  audit: AuditLog,
  now: () => Date,
): TrustService {
  // The rows as last verified, and what they verified to.
  let checked: { rows: readonly RosterVersionRow[]; rosters: readonly Roster[] } | null = null;

  const load = (): readonly Roster[] => {
    const rows = db.roster.all();
    if (checked !== null && sameRows(rows, checked.rows)) return checked.rosters;
    const chain = verifyChain(rows, db.roster.installs());
    if (!chain.ok) throw tampered(chain.problem);
    checked = {
      rows,
      rosters: chain.documents.map((document, i) => ({
        document,
        digest: rows[i]?.digest ?? '',
        installedAt: rows[i]?.installedAt ?? '',
      })),
    };
    return checked.rosters;
  };

  const current = (): Roster | null => load().at(-1) ?? null;

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
    history: () => [...load()],

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
        issuedAt: issuedAfter(document.issuedAt, now()),
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
      const step = verifyNextVersion(previous, envelope);
      if (!step.ok) throw refused(step.reason);
      return store(step.document, envelope as Envelope);
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
  // At start: a tampered chain stops the workstation before anything reads or changes it.
  load();
  return service;
}

/** Now, or 1 ms after the previous version if the clock has not passed it: issuedAt only grows. */
function issuedAfter(previous: string, now: Date): string {
  return new Date(Math.max(now.getTime(), Date.parse(previous) + 1)).toISOString();
}

function sameRows(a: readonly RosterVersionRow[], b: readonly RosterVersionRow[]): boolean {
  return (
    a.length === b.length &&
    a.every((row, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        row.version === other.version &&
        row.document === other.document &&
        row.digest === other.digest &&
        row.envelope === other.envelope &&
        row.installedAt === other.installedAt
      );
    })
  );
}

/** The sentence for a stored chain that does not verify. */
export function tamperedSentence(problem: string): string {
  return `The trust roster stored on this workstation does not verify from its pinned root: ${printable(problem)}. Nothing from the roster is trusted and nothing was changed. The database was edited outside Designation Desk or is damaged: run "desk doctor --data DIR" for a full report, compare it with the last backup and the audit log, and have the security officer investigate before this workstation is used again.`;
}

function tampered(problem: string): DeskError {
  return new DeskError('ROSTER_TAMPERED', tamperedSentence(problem));
}

function validate(document: RosterDocument): RosterDocument {
  const parsed = RosterDocumentSchema.safeParse(document);
  if (!parsed.success) {
    throw new DeskError(
      'INVALID_ARGUMENT',
      `That roster would be invalid: ${firstIssuePhrase('the roster', parsed.error, document)}. Nothing was changed.`,
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
