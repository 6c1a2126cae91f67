/**
 * A task reference version at rest (docs/formats.md, "Task reference (v1)"):
 *
 *   document  = canonical JSON of the validated document, defaults filled in
 *   digest    = SHA-256 of document
 *   statement = in-toto Statement v1 with predicate type urn:designation-desk:task-reference:v1,
 *               the document as predicate and one subject task-reference/<id>@<version> with
 *               the digest
 *   signature = the signer's DSSE signature (payload type application/vnd.in-toto+json) over
 *               the statement
 *
 * Only the document, its digest, the signer's keyid and the signature are stored: the
 * statement is canonical JSON, so it is rebuilt from the document to verify, and with it
 * the envelope. Reading trusts nothing stored (an insider may have edited the database):
 * the document must be valid, canonical and of its row's id and version, the digest its
 * digest, the signature a listed signer's, and the task rows exactly the document's.
 */
import type { TaskReferenceTaskRow, TaskReferenceVersionRow } from '../../db';
import { TaskReferenceSchema, type TaskReference } from '../../common/tasks';
import { canonicalJson, type JsonValue } from '../canonical-json';
import {
  encodeBase64,
  sha256Hex,
  signEnvelope,
  verifyEnvelope,
  type PublicKey,
  type UnlockedKey,
} from '../crypto';
import { IN_TOTO_PAYLOAD_TYPE, makeStatement } from '../in-toto';
import { parseStrictJson } from '../strict-json';

export const TASK_REFERENCE_PREDICATE_TYPE = 'urn:designation-desk:task-reference:v1';

const encoder = new TextEncoder();

export function subjectName(id: string, version: number): string {
  return `task-reference/${id}@${version}`;
}

/** The document as plain JSON: an absent sourceNote has no place in it. */
function toJson(document: TaskReference): { readonly [key: string]: JsonValue } {
  const { type, id, version, name, notes } = document;
  return {
    type,
    id,
    version,
    name,
    notes,
    benchmarks: document.benchmarks.map(({ benchmark, tasks }) => ({
      benchmark,
      tasks: tasks.map(({ taskId, minutes, family, source, sourceNote }) =>
        sourceNote === undefined
          ? { taskId, minutes, family, source }
          : { taskId, minutes, family, source, sourceNote },
      ),
    })),
  };
}

export function canonicalReference(document: TaskReference): string {
  return canonicalJson(toJson(document));
}

function statementOf(document: TaskReference, digest: string): Uint8Array {
  return makeStatement(
    [{ name: subjectName(document.id, document.version), digest: { sha256: digest } }],
    TASK_REFERENCE_PREDICATE_TYPE,
    toJson(document),
  );
}

export interface SignedReference {
  readonly document: string;
  readonly digest: string;
  readonly signature: string;
}

export function signReference(document: TaskReference, signer: UnlockedKey): SignedReference {
  const text = canonicalReference(document);
  const digest = sha256Hex(encoder.encode(text));
  const [signature] = signEnvelope(IN_TOTO_PAYLOAD_TYPE, statementOf(document, digest), [
    signer,
  ]).signatures;
  // signEnvelope signs once per signer, so one signer gives exactly one signature.
  if (signature === undefined) throw new Error('the envelope holds no signature');
  return { document: text, digest, signature: signature.sig };
}

/** The task rows a document is stored with: all of them, or one benchmark's. */
export function taskRowsOf(document: TaskReference, benchmark?: string): TaskReferenceTaskRow[] {
  return document.benchmarks
    .filter((entry) => benchmark === undefined || entry.benchmark === benchmark)
    .flatMap((entry) =>
      entry.tasks.map(({ taskId, minutes, family, source }) => ({
        benchmark: entry.benchmark,
        taskId,
        minutes,
        family,
        source,
      })),
    );
}

export type StoredCheck =
  | { readonly ok: true; readonly document: TaskReference }
  | { readonly ok: false; readonly problem: string };

/** Checks a stored version against `signers`, the keys whose signature makes it count. */
export function verifyStoredReference(
  row: TaskReferenceVersionRow,
  signers: readonly PublicKey[],
): StoredCheck {
  const fail = (problem: string): StoredCheck => ({ ok: false, problem });
  const bytes = encoder.encode(row.document);
  const json = parseStrictJson(bytes);
  const parsed = json.ok ? TaskReferenceSchema.safeParse(json.value) : undefined;
  if (!parsed?.success) return fail('its document is not a valid task reference');
  const document = parsed.data;
  if (document.id !== row.referenceId || document.version !== row.version)
    return fail('its document is another reference or version');
  if (canonicalReference(document) !== row.document)
    return fail('its document is not the canonical JSON that was signed');
  if (sha256Hex(bytes) !== row.digest) return fail('its digest is not the SHA-256 of its document');
  const verified = verifyEnvelope(
    {
      payload: encodeBase64(statementOf(document, row.digest)),
      payloadType: IN_TOTO_PAYLOAD_TYPE,
      signatures: [{ keyid: row.signerKeyid, sig: row.signature }],
    },
    { trustedKeys: signers, threshold: 1, payloadTypes: [IN_TOTO_PAYLOAD_TYPE] },
  );
  if (!verified.ok)
    return fail('its signature is not valid for any authority or reviewer key of the trust roster');
  if (!verified.signedBy.some((key) => key.keyid === row.signerKeyid))
    return fail('its recorded signer did not sign it');
  return { ok: true, document };
}

/** verifyStoredReference, then every one of the version's `rows` against its document. */
export function checkStoredVersion(
  row: TaskReferenceVersionRow,
  rows: readonly TaskReferenceTaskRow[],
  signers: readonly PublicKey[],
): StoredCheck {
  const verified = verifyStoredReference(row, signers);
  if (!verified.ok) return verified;
  const problem = rowsProblem(taskRowsOf(verified.document), rows);
  return problem === null ? verified : { ok: false, problem };
}

/** Why a version's stored task rows are not `expected` (the signed document's), or null. */
export function rowsProblem(
  expected: readonly TaskReferenceTaskRow[],
  stored: readonly TaskReferenceTaskRow[],
): string | null {
  const key = (row: TaskReferenceTaskRow) => JSON.stringify([row.benchmark, row.taskId]);
  const wanted = new Map(expected.map((row) => [key(row), row]));
  let differing = 0;
  for (const row of stored) {
    const match = wanted.get(key(row));
    wanted.delete(key(row));
    if (
      match?.minutes !== row.minutes ||
      match.family !== row.family ||
      match.source !== row.source
    )
      differing += 1;
  }
  differing += wanted.size;
  if (differing === 0) return null;
  return `${differing} of its task rows ${differing === 1 ? 'is' : 'are'} not the signed document's (changed, added or removed)`;
}
