/**
 * A threshold set version at rest (docs/formats.md, "Threshold sets (v1)"):
 *
 *   content    = canonical JSON {envelope, salt}: the DSSE envelope of an in-toto Statement
 *                whose predicate is the document, signed by an authority, and the
 *                commitment's random salt
 *   padded     = content padded (ISO/IEC 7816-4) to a multiple of 4096 bytes, so the
 *                ciphertext's length does not count the rules
 *   ciphertext = XChaCha20-Poly1305(padded, ad = canonical JSON {id, version}, data key)
 *   wrapped    = crypto_box_seal(data key, recipient's key) for every recipient
 *   commitment = SHA-256(COMMITMENT_DOMAIN ‖ 0x00 ‖ salt ‖ canonical JSON of the document)
 *
 * Opening checks everything a reader relies on, in that order: the wrapped key opens, the
 * ciphertext is authentic for this id and version, a current authority signed it, it is
 * the document this row claims to be, and the stored commitment is its commitment.
 */
import { z } from 'zod';
import type { ThresholdSetVersionRow } from '../../db';
import { canonicalJson, type JsonValue } from '../canonical-json';
import {
  decodeStandardBase64,
  decryptWithDataKey,
  encodeBase64,
  encryptWithDataKey,
  newDataKey,
  padToBlock,
  randomBytes,
  sealToKey,
  sha256Hex,
  signEnvelope,
  unpadFromBlock,
  verifyEnvelope,
  wipeBytes,
  type PublicKey,
  type UnlockedKey,
} from '../crypto';
import { DeskError } from '../../common/errors';
import { IN_TOTO_PAYLOAD_TYPE, makeStatement, parseStatement } from '../in-toto';
import { parseStrictJson } from '../strict-json';
import { ThresholdSetSchema, type ThresholdSet } from '../../common/thresholds/document';

export const SEALED_THRESHOLD_SET_FORMAT = 'designation-desk/sealed-threshold-set/v1';
export const THRESHOLD_SET_PREDICATE_TYPE = 'urn:designation-desk:threshold-set:v1';
export const COMMITMENT_DOMAIN = 'designation-desk/threshold-commitment/v1';
export const SALT_BYTES = 32;
/** Content is padded to a multiple of this before encryption. */
export const CONTENT_BLOCK_BYTES = 4096;

const encoder = new TextEncoder();

/** A parsed object as JSON: zod's output types allow `undefined` where JSON has none. */
function asJson(value: object): { readonly [key: string]: JsonValue } {
  return JSON.parse(JSON.stringify(value)) as { [key: string]: JsonValue };
}

export function canonicalDocument(document: ThresholdSet): Uint8Array {
  return encoder.encode(canonicalJson(asJson(document)));
}

export function subjectName(id: string, version: number): string {
  return `threshold-set/${id}@${version}`;
}

/**
 * The salted commitment decisions cite instead of the document. The salt (32 random bytes,
 * fresh per version) makes it hiding: without the salt, guessing the values and hashing
 * the guesses gets nowhere. The domain string keeps it from meaning anything else.
 */
export function thresholdCommitment(salt: Uint8Array, document: ThresholdSet): string {
  if (salt.length !== SALT_BYTES) {
    throw new DeskError('INVALID_ARGUMENT', `A commitment salt must be ${SALT_BYTES} bytes.`);
  }
  const domain = encoder.encode(COMMITMENT_DOMAIN);
  const body = canonicalDocument(document);
  const message = new Uint8Array(domain.length + 1 + SALT_BYTES + body.length);
  message.set(domain, 0);
  message[domain.length] = 0x00;
  message.set(salt, domain.length + 1);
  message.set(body, domain.length + 1 + SALT_BYTES);
  return sha256Hex(message);
}

/** Binds a ciphertext to its row, so that versions and sets cannot be swapped. */
export function associatedData(id: string, version: number): Uint8Array {
  return encoder.encode(canonicalJson({ id, version }));
}

export interface SealedThresholdSet {
  readonly format: typeof SEALED_THRESHOLD_SET_FORMAT;
  readonly commitment: string;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly wrappedKeys: readonly { readonly keyid: string; readonly wrapped: Uint8Array }[];
}

/** Signs `document` as `author` and encrypts it under a fresh data key for `recipients`. */
export function sealThresholdSet(
  document: ThresholdSet,
  author: UnlockedKey,
  recipients: readonly PublicKey[],
): SealedThresholdSet {
  const statement = makeStatement(
    [
      {
        name: subjectName(document.id, document.version),
        digest: { sha256: sha256Hex(canonicalDocument(document)) },
      },
    ],
    THRESHOLD_SET_PREDICATE_TYPE,
    asJson(document),
  );
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, statement, [author]);
  const salt = randomBytes(SALT_BYTES);
  const content = encoder.encode(
    canonicalJson({ envelope: asJson(envelope), salt: encodeBase64(salt) }),
  );
  const padded = padToBlock(content, CONTENT_BLOCK_BYTES);
  const dataKey = newDataKey();
  try {
    const { nonce, ciphertext } = encryptWithDataKey(
      padded,
      associatedData(document.id, document.version),
      dataKey,
    );
    return {
      format: SEALED_THRESHOLD_SET_FORMAT,
      commitment: thresholdCommitment(salt, document),
      nonce,
      ciphertext,
      wrappedKeys: recipients.map((recipient) => ({
        keyid: recipient.keyid,
        wrapped: sealToKey(dataKey, recipient),
      })),
    };
  } finally {
    wipeBytes(dataKey);
    wipeBytes(padded);
    wipeBytes(content);
    wipeBytes(statement);
  }
}

export interface OpenedContent {
  readonly document: ThresholdSet;
  readonly commitment: string;
  /** The version's data key: the caller wipes it (`wipeBytes`) as soon as it is done. */
  readonly dataKey: Uint8Array;
}

const ContentSchema = z.strictObject({
  envelope: z.unknown(),
  salt: z.string().refine((text) => decodeStandardBase64(text)?.length === SALT_BYTES),
});

/**
 * Opens and checks one stored version for `user`, trusting signatures only from
 * `authorities` (the current roster's). Refusals say what failed and never what the set
 * holds. On success the caller owns `dataKey`.
 */
export function openThresholdSet(
  row: ThresholdSetVersionRow,
  wrappedKey: Uint8Array,
  user: UnlockedKey,
  authorities: readonly PublicKey[],
): OpenedContent {
  const what = `The stored threshold set "${row.setId}" version ${row.version}`;
  const altered = (how: string) =>
    new DeskError(
      'THRESHOLD_SET_ALTERED',
      `${what} has been altered (${how}); it cannot be opened. Nothing was changed.`,
    );
  if (row.format !== SEALED_THRESHOLD_SET_FORMAT) {
    throw altered('it is not in a format this build reads');
  }

  let dataKey: Uint8Array;
  try {
    dataKey = user.openSealed(wrappedKey);
  } catch (error) {
    if (error instanceof DeskError && error.code === 'NOT_A_RECIPIENT') {
      throw altered(`the data key stored for "${user.name}" does not open with that key`);
    }
    throw error;
  }
  try {
    const padded = decryptWithDataKey(
      { nonce: row.nonce, ciphertext: row.ciphertext },
      associatedData(row.setId, row.version),
      dataKey,
    );
    if (padded === null) throw altered('its encryption does not authenticate');
    try {
      const content = unpadFromBlock(padded, CONTENT_BLOCK_BYTES);
      if (content === null) throw altered('its content is not the sealed layout');
      const { document, commitment } = checkContent(content, row, authorities, what, altered);
      return { document, commitment, dataKey };
    } finally {
      wipeBytes(padded);
    }
  } catch (error) {
    wipeBytes(dataKey);
    throw error;
  }
}

function checkContent(
  content: Uint8Array,
  row: ThresholdSetVersionRow,
  authorities: readonly PublicKey[],
  what: string,
  altered: (how: string) => DeskError,
): { document: ThresholdSet; commitment: string } {
  let parsed: z.infer<typeof ContentSchema>;
  try {
    const json = parseStrictJson(content);
    if (!json.ok) throw new Error(json.reason);
    parsed = ContentSchema.parse(json.value);
  } catch {
    throw altered('its content is not the sealed layout');
  } finally {
    wipeBytes(content);
  }

  const verified = verifyEnvelope(parsed.envelope, {
    trustedKeys: authorities,
    threshold: 1,
    payloadTypes: [IN_TOTO_PAYLOAD_TYPE],
  });
  if (!verified.ok) {
    throw new DeskError(
      'THRESHOLD_SET_UNTRUSTED',
      `${what} is not signed by an authority of the current trust roster; it cannot be used. Nothing was changed.`,
    );
  }
  if (!verified.signedBy.some((key) => key.keyid === row.authorKeyid)) {
    throw altered('the recorded author did not sign it');
  }
  const statement = parseStatement(verified.payload, THRESHOLD_SET_PREDICATE_TYPE);
  wipeBytes(verified.payload);
  if (!statement.ok) throw altered('the signed statement is not a threshold set');
  const document = ThresholdSetSchema.safeParse(statement.statement.predicate);
  if (!document.success) throw altered('the signed document is not a valid threshold set');

  const expected = {
    name: subjectName(row.setId, row.version),
    digest: { sha256: sha256Hex(canonicalDocument(document.data)) },
  };
  const subjects = statement.statement.subject;
  if (
    document.data.id !== row.setId ||
    document.data.version !== row.version ||
    subjects.length !== 1 ||
    subjects[0]?.name !== expected.name ||
    subjects[0].digest.sha256 !== expected.digest.sha256
  ) {
    throw altered('the signed document is another set or version');
  }
  const salt = decodeStandardBase64(parsed.salt);
  if (salt === null) throw altered('its salt is not base64');
  const commitment = thresholdCommitment(salt, document.data);
  if (commitment !== row.commitment) throw altered('the stored commitment is not its commitment');
  return { document: document.data, commitment };
}
