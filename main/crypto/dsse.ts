/**
 * DSSE, the signature envelope every signed document of ours travels in
 * (secure-systems-lab/dsse: protocol.md v1.0.0, envelope.md v1.0.0), with Ed25519
 * signatures. Our profile (docs/formats.md):
 *
 * - signatures are over PAE(UTF8(payloadType), payload);
 * - keyids are unauthenticated hints: every signature is tried against every trusted key,
 *   and the threshold counts distinct trusted keys whose signature verified;
 * - the payload type is checked against the caller's allow-list only after the threshold
 *   is met (protocol.md, "To verify": verify first, then interpret).
 */
import { z } from 'zod';
import { DeskError } from '../../common/errors';
import { decodeDsseBase64, encodeBase64 } from './base64';
import { PUBLIC_KEY_BYTES, type PublicKey } from './keys';
import { firstIssueSentence } from '../schema-sentence';
import { readySodium } from './sodium';
import { printable } from '../../common/text';

const SIGNATURE_BYTES = 64;
/**
 * Each signature may be tried against every trusted key, so a hostile envelope with
 * thousands of signatures would be a denial of service. Real envelopes carry a handful.
 */
export const MAX_SIGNATURES = 64;

const DsseBase64 = z.string().refine((text) => decodeDsseBase64(text) !== null, {
  message: 'must be base64 (standard or URL-safe alphabet)',
});

// Not strict: envelope.md says consumers MUST ignore fields they do not recognise.
export const EnvelopeSchema = z.object({
  payload: DsseBase64,
  payloadType: z.string().refine((type) => type.isWellFormed(), {
    message: 'must be well-formed Unicode text',
  }),
  signatures: z
    .array(z.object({ keyid: z.string().optional(), sig: DsseBase64 }))
    .max(MAX_SIGNATURES, { message: `must hold at most ${MAX_SIGNATURES} signatures` }),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

export interface EnvelopeSigner {
  readonly keyid: string;
  sign(message: Uint8Array): Uint8Array;
}

export interface VerificationPolicy {
  readonly trustedKeys: readonly PublicKey[];
  /** How many distinct trusted keys must have signed; at least 1. */
  readonly threshold: number;
  readonly payloadTypes: readonly string[];
}

export type EnvelopeRejectionCode =
  'MALFORMED_ENVELOPE' | 'SIGNATURE_THRESHOLD_NOT_MET' | 'PAYLOAD_TYPE_NOT_ALLOWED';

export type EnvelopeVerification =
  | {
      ok: true;
      payloadType: string;
      payload: Uint8Array;
      /** The distinct trusted keys whose signature verified, in the order they were found. */
      signedBy: readonly PublicKey[];
    }
  | { ok: false; code: EnvelopeRejectionCode; reason: string };

const encoder = new TextEncoder();

/** DSSE's pre-authentication encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  if (!payloadType.isWellFormed()) {
    // UTF-8 would turn a lone surrogate into U+FFFD, so two types would share one encoding.
    throw new DeskError('INVALID_ARGUMENT', 'The payload type is not well-formed Unicode text.');
  }
  const type = encoder.encode(payloadType);
  const parts = [
    encoder.encode(`DSSEv1 ${type.length} `),
    type,
    encoder.encode(` ${payload.length} `),
    payload,
  ];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Signs once per signer; standard base64 out, every signature labelled with its keyid. */
export function signEnvelope(
  payloadType: string,
  payload: Uint8Array,
  signers: readonly EnvelopeSigner[],
): Envelope {
  if (signers.length === 0) {
    throw new DeskError('INVALID_ARGUMENT', 'An envelope needs at least one signer.');
  }
  const message = pae(payloadType, payload);
  return {
    payload: encodeBase64(payload),
    payloadType,
    signatures: signers.map((signer) => ({
      keyid: signer.keyid,
      sig: encodeBase64(signer.sign(message)),
    })),
  };
}

/**
 * Verifies hostile JSON against a policy. Never throws for a bad envelope (the result says
 * what is wrong); throws INVALID_ARGUMENT for a policy that could never be safe to apply.
 * Needs `await initCrypto()` once beforehand.
 */
export function verifyEnvelope(
  envelope: unknown,
  policy: VerificationPolicy,
): EnvelopeVerification {
  checkPolicy(policy);
  const sodium = readySodium();
  const parsed = EnvelopeSchema.safeParse(envelope);
  if (!parsed.success) {
    return reject('MALFORMED_ENVELOPE', firstIssueSentence('The envelope', parsed.error, envelope));
  }
  const { payloadType, signatures } = parsed.data;
  const payload = decodeDsseBase64(parsed.data.payload);
  if (payload === null) {
    // The schema has checked this already; kept so the type narrows without an assertion.
    return reject('MALFORMED_ENVELOPE', "The envelope's payload is not base64.");
  }
  const message = pae(payloadType, payload);

  const signedBy = new Map<string, PublicKey>();
  const trusted = new Set(policy.trustedKeys.map((k) => k.keyid));
  /** Keyids named by signatures that no trusted key made (shown, never used). */
  const strangers = new Set<string>();
  for (const signature of signatures) {
    const sig = decodeDsseBase64(signature.sig);
    // Not an Ed25519 signature (DSSE allows other algorithms alongside): it cannot count.
    if (sig?.length !== SIGNATURE_BYTES) continue;
    const signer = candidateKeys(policy.trustedKeys, signature.keyid).find(
      (key) =>
        !signedBy.has(rawKeyId(key)) &&
        sodium.crypto_sign_verify_detached(sig, message, key.publicKey),
    );
    if (signer !== undefined) signedBy.set(rawKeyId(signer), signer);
    else if (!trusted.has(signature.keyid ?? '')) strangers.add(signature.keyid ?? '');
  }

  if (signedBy.size < policy.threshold) {
    return reject(
      'SIGNATURE_THRESHOLD_NOT_MET',
      thresholdReason(signedBy.size, policy.threshold) +
        strangersSentence([...strangers], signedBy.size > 0),
    );
  }
  if (!policy.payloadTypes.includes(payloadType)) {
    return reject('PAYLOAD_TYPE_NOT_ALLOWED', payloadTypeReason(payloadType, policy.payloadTypes));
  }
  return { ok: true, payloadType, payload, signedBy: [...signedBy.values()] };
}

/**
 * Every trusted key, those whose keyid matches the hint first. The hint only orders the
 * search (DSSE: keyids MUST NOT be used for security decisions); it never excludes a key.
 */
function candidateKeys(keys: readonly PublicKey[], hint: string | undefined): PublicKey[] {
  if (hint === undefined || hint === '') return [...keys];
  return [...keys.filter((k) => k.keyid === hint), ...keys.filter((k) => k.keyid !== hint)];
}

/** Distinctness is by the key's bytes, not by the keyid a caller put beside them. */
function rawKeyId(key: PublicKey): string {
  return Buffer.from(key.publicKey).toString('hex');
}

function checkPolicy(policy: VerificationPolicy): void {
  if (!Number.isInteger(policy.threshold) || policy.threshold < 1) {
    throw new DeskError(
      'INVALID_ARGUMENT',
      'A verification policy must require at least one signature from a trusted key.',
    );
  }
  if (policy.trustedKeys.some((key) => key.publicKey.length !== PUBLIC_KEY_BYTES)) {
    throw new DeskError(
      'INVALID_ARGUMENT',
      'A verification policy holds a trusted key that is not a 32-byte Ed25519 public key.',
    );
  }
}

function reject(code: EnvelopeRejectionCode, reason: string): EnvelopeVerification {
  return { ok: false, code, reason };
}

function thresholdReason(found: number, required: number): string {
  const has =
    found === 0
      ? 'no valid signature from a trusted key'
      : found === 1
        ? '1 valid signature from a trusted key'
        : `${found} valid signatures from different trusted keys`;
  return `The envelope has ${has}; ${required} ${required === 1 ? 'is' : 'are'} required.`;
}

const SHOWN_KEYIDS = 3;
const SHOWN_KEYID_MAX = 100;

/**
 * The keyids the untrusted signatures name, which a security officer compares with the
 * fingerprint of a key they may add. Only a claim (DSSE keyids are hints), so it is shown,
 * never used; escaped and cut, since it is the envelope's text.
 */
function strangersSentence(keyids: readonly string[], othersCounted: boolean): string {
  if (keyids.length === 0) return '';
  const shown = keyids.slice(0, SHOWN_KEYIDS).map((id) => {
    if (id === '') return 'one with no keyid';
    const cut = id.length > SHOWN_KEYID_MAX ? `${id.slice(0, SHOWN_KEYID_MAX)}…` : id;
    return printable(cut);
  });
  const more = keyids.length > SHOWN_KEYIDS ? ` and ${keyids.length - SHOWN_KEYIDS} more` : '';
  const which = othersCounted ? 'Its other signatures name' : 'Its signatures name';
  return ` ${which} keys not trusted for it (keyid ${shown.join(', ')}${more}).`;
}

const SHOWN_TYPE_MAX = 100;

function payloadTypeReason(payloadType: string, accepted: readonly string[]): string {
  // The type is attacker-chosen text: quoted and escaped by JSON.stringify, and cut short.
  const shown =
    payloadType.length > SHOWN_TYPE_MAX ? `${payloadType.slice(0, SHOWN_TYPE_MAX)}…` : payloadType;
  const expected =
    accepted.length === 0
      ? 'this policy accepts no payload type'
      : `expected ${accepted.length === 1 ? '' : 'one of '}${accepted.join(', ')}`;
  return `The payload type ${JSON.stringify(shown)} is not accepted here; ${expected}.`;
}
