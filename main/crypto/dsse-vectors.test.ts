/**
 * The shared DSSE test vectors (../shared/fixtures/dsse/vectors.json): RFC 8032 §7.1 keys
 * A and B, byte-exact PAEs and signatures, threshold and payload-type cases. Keyids and
 * trusted keys in the file are the labels "A"/"B".
 */
import fs from 'node:fs';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sharedFixture } from '../../tests/support/shared-fixtures';
import { decodeDsseBase64 } from './base64';
import {
  initCrypto,
  keyIdOf,
  pae,
  signEnvelope,
  verifyEnvelope,
  type EnvelopeRejectionCode,
  type PublicKey,
} from '.';

const Hex = z.string().regex(/^(?:[0-9a-f]{2})*$/);
const Vectors = z.strictObject({
  keys: z.record(z.string(), z.strictObject({ seed: Hex, public: Hex })),
  vectors: z.array(
    z.strictObject({
      id: z.string(),
      envelope: z.unknown(),
      trustedKeys: z.array(z.string()),
      threshold: z.number().int(),
      supportedPayloadTypes: z.array(z.string()),
      pae: Hex.optional(),
      expect: z.enum(['accept', 'reject']),
    }),
  ),
});
const Envelope = z.object({
  payload: z.string(),
  payloadType: z.string(),
  signatures: z.array(z.object({ keyid: z.string().optional(), sig: z.string() })),
});

// Read at collection time: a missing fixture fails this file with sharedFixture's message.
const fixture = Vectors.parse(
  JSON.parse(fs.readFileSync(sharedFixture('dsse/vectors.json'), 'utf8')),
);

/** Why each rejected vector must be rejected; a new vector without an entry checks only ok. */
const REJECTION: Readonly<Record<string, EnvelopeRejectionCode>> = {
  'payload-type-swapped': 'SIGNATURE_THRESHOLD_NOT_MET',
  'empty-payload-type': 'PAYLOAD_TYPE_NOT_ALLOWED',
  'threshold-two-one-key-twice': 'SIGNATURE_THRESHOLD_NOT_MET',
};

interface LabelledKey extends PublicKey {
  readonly secretKey: Uint8Array;
}

describe('DSSE test vectors', () => {
  const keys = new Map<string, LabelledKey>();

  beforeAll(async () => {
    await initCrypto();
    for (const [label, { seed, public: publicHex }] of Object.entries(fixture.keys)) {
      const pair = sodium.crypto_sign_seed_keypair(sodium.from_hex(seed));
      expect(sodium.to_hex(pair.publicKey)).toBe(publicHex);
      keys.set(label, {
        name: label,
        keyid: keyIdOf(pair.publicKey),
        publicKey: pair.publicKey,
        secretKey: pair.privateKey,
      });
    }
  });

  function key(label: string): LabelledKey {
    const found = keys.get(label);
    if (found === undefined) throw new Error(`The vectors name an unknown key "${label}".`);
    return found;
  }

  it('has vectors to run', () => {
    expect(fixture.vectors.length).toBeGreaterThan(0);
  });

  it.each(fixture.vectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const envelope = Envelope.parse(vector.envelope);
    const payload = decodeDsseBase64(envelope.payload);
    expect(payload).not.toBeNull();
    const message = pae(envelope.payloadType, payload ?? new Uint8Array());
    if (vector.pae !== undefined) expect(sodium.to_hex(message)).toBe(vector.pae);

    const result = verifyEnvelope(vector.envelope, {
      trustedKeys: vector.trustedKeys.map(key),
      threshold: vector.threshold,
      payloadTypes: vector.supportedPayloadTypes,
    });

    if (vector.expect === 'reject') {
      expect(result.ok).toBe(false);
      const code = REJECTION[vector.id];
      if (code !== undefined) expect(result).toMatchObject({ ok: false, code });
      return;
    }
    expect(result).toMatchObject({ ok: true, payloadType: envelope.payloadType });
    if (!result.ok) return;
    expect(Buffer.from(result.payload)).toEqual(Buffer.from(payload ?? []));

    // Ed25519 is deterministic: each signature is reproducible byte for byte from a seed,
    // which also tells us which key made it.
    const signers = envelope.signatures.map((signature) => {
      const candidates =
        signature.keyid === undefined ? vector.trustedKeys.map(key) : [key(signature.keyid)];
      const sig = sodium.to_hex(decodeDsseBase64(signature.sig) ?? new Uint8Array());
      const makers = candidates.filter(
        (k) => sodium.to_hex(sodium.crypto_sign_detached(message, k.secretKey)) === sig,
      );
      expect(makers.map((k) => k.name)).toHaveLength(1);
      return makers[0]?.name;
    });
    expect(result.signedBy.map((k) => k.name).sort()).toEqual([...new Set(signers)].sort());
  });

  it('signEnvelope reproduces the single-signature vector exactly', () => {
    const vector = fixture.vectors.find((v) => v.id === 'single-signature');
    expect(vector, 'the single-signature vector is in the fixture').toBeDefined();
    if (vector === undefined) return;
    const envelope = Envelope.parse(vector.envelope);
    const a = key('A');
    const signed = signEnvelope(
      envelope.payloadType,
      decodeDsseBase64(envelope.payload) ?? new Uint8Array(),
      [{ keyid: 'A', sign: (m) => sodium.crypto_sign_detached(m, a.secretKey) }],
    );
    expect(signed).toEqual(vector.envelope);
  });
});
