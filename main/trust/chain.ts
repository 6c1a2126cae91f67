/**
 * The roster's version chain (TUF root semantics), checked one step at a time: by
 * `install` for a new version, and from the pinned root for every stored version each time
 * a workstation starts, so a row written into the database by hand trusts nobody.
 */
import type { RosterInstallRow } from '../../db';
import { verifyEnvelope } from '../crypto';
import { IN_TOTO_PAYLOAD_TYPE, parseStatement } from '../in-toto';
import {
  canonicalRoster,
  keysWithRole,
  ROSTER_PREDICATE_TYPE,
  RosterDocumentSchema,
  rosterDigest,
  type RosterDocument,
} from './roster';
import { firstIssuePhrase } from '../schema-sentence';

export type StepCheck =
  | { readonly ok: true; readonly document: RosterDocument }
  | { readonly ok: false; readonly reason: string };

/** One roster version as stored: the document's canonical JSON and the envelope's JSON. */
export interface StoredVersion {
  readonly version: number;
  readonly document: string;
  readonly digest: string;
  readonly envelope: string | null;
}

export type ChainCheck =
  | { readonly ok: true; readonly documents: readonly RosterDocument[] }
  | { readonly ok: false; readonly problem: string };

/**
 * Whether `envelope` is a valid next version after `previous`: signed by a threshold of
 * `previous`'s root keys and by a threshold of its own (so a new root set has consented),
 * numbered `previous.version + 1`, issued strictly later, and a valid roster.
 */
export function verifyNextVersion(previous: RosterDocument, envelope: unknown): StepCheck {
  const policy = { payloadTypes: [IN_TOTO_PAYLOAD_TYPE] };
  const verified = verifyEnvelope(envelope, {
    ...policy,
    trustedKeys: keysWithRole(previous, 'root'),
    threshold: previous.thresholds.root,
  });
  if (!verified.ok)
    return fail(
      `version ${previous.version}'s root keys do not sign it: ${clause(verified.reason)}`,
    );
  const statement = parseStatement(verified.payload, ROSTER_PREDICATE_TYPE);
  if (!statement.ok) return fail(statement.reason);
  const parsed = RosterDocumentSchema.safeParse(statement.statement.predicate);
  if (!parsed.success)
    return fail(
      `the new roster is invalid: ${firstIssuePhrase('the roster', parsed.error, statement.statement.predicate)}`,
    );
  const document = parsed.data;
  const subject = statement.statement.subject.find((s) => s.name === 'trust-roster');
  if (subject?.digest.sha256 !== rosterDigest(document))
    return fail('the statement subject does not match the roster it carries');
  if (document.version !== previous.version + 1) {
    return fail(
      `it is version ${document.version}, but the next version must be ${previous.version + 1}`,
    );
  }
  if (!(Date.parse(document.issuedAt) > Date.parse(previous.issuedAt))) {
    return fail(
      `it was issued at ${document.issuedAt}, not after version ${previous.version} (${previous.issuedAt})`,
    );
  }
  const own = verifyEnvelope(envelope, {
    ...policy,
    trustedKeys: keysWithRole(document, 'root'),
    threshold: document.thresholds.root,
  });
  if (!own.ok)
    return fail(`its own root keys do not sign it (a new root set must): ${clause(own.reason)}`);
  return { ok: true, document };
}

/**
 * Re-verifies stored versions from version 1, which must be the document pinned at set-up,
 * and checks them against the installations the append-only audit log recorded: a version
 * the log says was installed must be stored with that digest (so deleting the newest
 * versions, a rollback to an older roster, is a break too). Any break names the first.
 */
export function verifyChain(
  rows: readonly StoredVersion[],
  installs: readonly RosterInstallRow[],
): ChainCheck {
  const pinned = installs.filter((i) => i.kind === 'trust.pinned');
  if (pinned.length > 1) return broken(`the audit log records ${pinned.length} pinned roots`);
  const pinnedDigest = pinned[0]?.digest ?? undefined;
  if (rows.length === 0) {
    return pinned.length === 0
      ? { ok: true, documents: [] }
      : broken('a roster was pinned at set-up but no roster version is stored');
  }
  if (pinnedDigest === undefined)
    return broken('roster versions are stored but the audit log records no pinned root');
  const documents: RosterDocument[] = [];
  for (const [index, row] of rows.entries()) {
    const expected = index + 1;
    if (row.version !== expected) {
      return broken(
        `version ${expected} is missing (the next stored version is ${row.version}); versions must have no gaps`,
      );
    }
    const previous = documents.at(-1);
    const step = previous === undefined ? pinnedFirst(row, pinnedDigest) : signed(row, previous);
    if (!step.ok) return broken(`version ${row.version}: ${step.reason}`);
    if (new TextDecoder().decode(canonicalRoster(step.document)) !== row.document)
      return broken(`version ${row.version}: the stored document is not the one that was signed`);
    if (row.digest !== rosterDigest(step.document))
      return broken(`version ${row.version}: the stored digest is not the document's`);
    documents.push(step.document);
  }
  for (const install of installs) {
    const row = rows.find((r) => r.version === install.version);
    if (row === undefined)
      return broken(
        `version ${String(install.version)} was installed (audit event ${install.seq}) but is no longer stored`,
      );
    if (row.digest !== install.digest)
      return broken(
        `version ${row.version} is not the one installed (audit event ${install.seq} records another digest)`,
      );
  }
  return { ok: true, documents };
}

function pinnedFirst(row: StoredVersion, pinnedDigest: string): StepCheck {
  if (row.envelope !== null) return fail('the pinned first version must not carry an envelope');
  const parsed = RosterDocumentSchema.safeParse(parseJson(row.document));
  if (!parsed.success || parsed.data.version !== 1)
    return fail('the stored document is not a valid first roster version');
  if (rosterDigest(parsed.data) !== pinnedDigest)
    return fail(`it is not the roster pinned at set-up (digest ${pinnedDigest})`);
  return { ok: true, document: parsed.data };
}

function signed(row: StoredVersion, previous: RosterDocument): StepCheck {
  if (row.envelope === null) return fail('it has no signed envelope');
  return verifyNextVersion(previous, parseJson(row.envelope));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A verifier's sentence as a clause inside ours. */
function clause(sentence: string): string {
  return sentence.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase());
}

function fail(reason: string): StepCheck {
  return { ok: false, reason };
}

function broken(problem: string): ChainCheck {
  return { ok: false, problem };
}
