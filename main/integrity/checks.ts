/**
 * The checks `desk doctor` runs over the database alone: the roster chain from its pinned
 * root, identities against their sealed keys and the roster, the schema against what the
 * migrations create, the audit log's ids, and the signed task references. Each returns its
 * findings as sentences.
 */
import type { IntegrityReader, SchemaObjectRow } from '../../db';
import { publicKeyFromHeader } from '../crypto';
import { SecretKeyFileSchema } from '../key-files';
import { checkStoredVersion, TASK_REFERENCE_SIGNER_ROLES } from '../tasks';
import { keysWithRole, verifyChain, type RosterDocument } from '../trust';

export interface CheckResult {
  readonly name: string;
  /** What was checked, for a passing check. */
  readonly summary: string;
  readonly findings: readonly string[];
}

export function checkRoster(reader: IntegrityReader): CheckResult & {
  readonly roster: RosterDocument | null;
  /** Every version, oldest first, when the chain verifies; none when it does not. */
  readonly history: readonly RosterDocument[];
} {
  const rows = reader.roster.all();
  const chain = verifyChain(rows, reader.roster.installs());
  return {
    name: 'roster chain',
    summary: `${rows.length} version(s), each verified from the root pinned at set-up`,
    findings: chain.ok ? [] : [`The stored roster does not verify: ${chain.problem}.`],
    roster: chain.ok ? (chain.documents.at(-1) ?? null) : null,
    history: chain.ok ? chain.documents : [],
  };
}

/** Each identity's sealed key is the key of its keyid, and the roster's copy of that key. */
export function checkIdentities(
  reader: IntegrityReader,
  roster: RosterDocument | null,
): CheckResult {
  const rows = reader.identities.all();
  const findings: string[] = [];
  for (const row of rows) {
    const who = `Identity "${row.name}" (${row.keyid})`;
    const parsed = SecretKeyFileSchema.safeParse(parseJson(row.sealedKey));
    if (!parsed.success) {
      findings.push(`${who}: its sealed key is not a valid secret key file.`);
      continue;
    }
    const file = parsed.data;
    let keyid: string;
    try {
      keyid = publicKeyFromHeader('Its sealed key', file).keyid;
    } catch {
      findings.push(`${who}: its sealed key's keyid is not the SHA-256 of its public key.`);
      continue;
    }
    if (keyid !== row.keyid)
      findings.push(`${who}: its sealed key is the key ${keyid} ("${file.name}"), not its own.`);
    else if (file.name !== row.name)
      findings.push(`${who}: its sealed key is named "${file.name}", not "${row.name}".`);
    const listed = roster?.keys.find((k) => k.keyid === row.keyid);
    if (listed !== undefined && listed.publicKey !== file.publicKey)
      findings.push(`${who}: the roster lists another public key under its keyid.`);
  }
  return {
    name: 'identities',
    summary: `${rows.length} identity row(s), each sealed key its own`,
    findings,
  };
}

/** The schema objects (tables, indexes, triggers) are exactly those the migrations create. */
export function checkSchema(
  reader: IntegrityReader,
  expected: readonly SchemaObjectRow[],
): CheckResult {
  const actual = new Map(reader.schemaObjects().map((o) => [`${o.type} ${o.name}`, o]));
  const findings: string[] = [];
  for (const object of expected) {
    const key = `${object.type} ${object.name}`;
    const found = actual.get(key);
    actual.delete(key);
    if (found === undefined)
      findings.push(`The ${key} that the migrations create is missing (dropped).`);
    else if (found.sql !== object.sql)
      findings.push(`The ${key} is not as the migrations create it (altered).`);
  }
  for (const key of actual.keys())
    findings.push(`There is a ${key} that no migration creates (added).`);
  return {
    name: 'schema',
    summary: `schema version ${reader.schemaVersion}: ${expected.length} tables, indexes and triggers as the migrations create them`,
    findings,
  };
}

/**
 * Each stored task reference version is signed by a key that an authority or a reviewer
 * held in some roster version (one who has left since still signed it), and its task rows
 * are its signed document's.
 */
export function checkTaskReferences(
  reader: IntegrityReader,
  rosters: readonly RosterDocument[],
): CheckResult {
  const rows = reader.taskReferences.all();
  const name = 'task references';
  if (rows.length > 0 && rosters.length === 0)
    return {
      name,
      summary: '',
      findings: [
        `The ${rows.length} stored task reference version(s) cannot be checked without a roster chain that verifies.`,
      ],
    };
  const signers = rosters.flatMap((roster) =>
    TASK_REFERENCE_SIGNER_ROLES.flatMap((role) => keysWithRole(roster, role)),
  );
  const findings = rows.flatMap((row) => {
    const tasks = reader.taskReferences.tasks(row.referenceId, row.version);
    const checked = checkStoredVersion(row, tasks, signers);
    return checked.ok
      ? []
      : [`Task reference "${row.referenceId}" version ${row.version}: ${checked.problem}.`];
  });
  return {
    name,
    summary: `${rows.length} version(s), each signed by an authority or reviewer and matching its task rows`,
    findings,
  };
}

/** Audit ids run 1, 2, 3 … with none missing, up to the last one ever handed out. */
export function checkAuditIds(reader: IntegrityReader): CheckResult {
  const { seqs, issued } = reader.auditIds();
  const findings: string[] = [];
  let expected = 1;
  for (const seq of seqs) {
    if (seq !== expected) findings.push(missing(expected, seq - 1));
    expected = seq + 1;
  }
  if (issued >= expected) findings.push(missing(expected, issued));
  return {
    name: 'audit log',
    summary: `${seqs.length} event(s), ids contiguous`,
    findings,
  };
}

function missing(from: number, to: number): string {
  return from === to
    ? `Audit event ${from} is missing (deleted).`
    : `Audit events ${from} to ${to} are missing (deleted).`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
