import { beforeAll, describe, expect, it } from 'vitest';
import type { ThresholdSetVersionRow } from '../../db';
import { canonicalJson, type JsonValue } from '../canonical-json';
import {
  decryptWithDataKey,
  encodeBase64,
  encryptWithDataKey,
  generateKeyPair,
  initCrypto,
  keyIdOf,
  padToBlock,
  signEnvelope,
  unpadFromBlock,
  type PublicKey,
  type UnlockedKey,
} from '../crypto';
import { unlockedKeyFrom } from '../crypto';
import { DeskError } from '../../common/errors';
import { IN_TOTO_PAYLOAD_TYPE } from '../in-toto';
import { ThresholdSetSchema, type ThresholdSet } from '../../common/thresholds/document';
import {
  associatedData,
  canonicalDocument,
  openThresholdSet,
  sealThresholdSet,
  thresholdCommitment,
} from './sealed-set';
import { expectDeskError } from '../../tests/support/desk-error';

/** The worked example in docs/formats.md, "Threshold sets (v1)". */
const example: ThresholdSet = ThresholdSetSchema.parse({
  type: 'designation-desk/threshold-set/v1',
  id: 'cyber-core',
  version: 1,
  name: 'Example thresholds',
  rules: [
    {
      id: 'ctf-solve-rate',
      benchmark: 'cybench',
      metric: 'accuracy',
      operator: '>=',
      value: 0.5,
      basis: 'lower95',
      minSamples: 20,
    },
  ],
  designation: { kind: 'any' },
});
const exampleSalt = Uint8Array.from({ length: 32 }, (_, i) => i);

async function person(name: string): Promise<UnlockedKey> {
  const pair = await generateKeyPair();
  return unlockedKeyFrom(
    { name, keyid: keyIdOf(pair.publicKey), publicKey: pair.publicKey },
    Uint8Array.from(pair.secretKey),
  );
}

const publicOf = (key: UnlockedKey): PublicKey => ({
  name: key.name,
  keyid: key.keyid,
  publicKey: key.publicKey,
});

let authority: UnlockedKey;
let reviewer: UnlockedKey;
let outsider: UnlockedKey;

beforeAll(async () => {
  await initCrypto();
  [authority, reviewer, outsider] = await Promise.all([
    person('Authority'),
    person('Reviewer'),
    person('Outsider'),
  ]);
});

describe('thresholdCommitment', () => {
  it('hashes the domain, a zero byte, the salt and the canonical document (documented example)', () => {
    expect(new TextDecoder().decode(canonicalDocument(example))).toBe(
      '{"designation":{"kind":"any"},"id":"cyber-core","name":"Example thresholds","notes":"",' +
        '"rules":[{"basis":"lower95","benchmark":"cybench","id":"ctf-solve-rate","metric":"accuracy",' +
        '"minSamples":20,"operator":">=","value":0.5}],"type":"designation-desk/threshold-set/v1","version":1}',
    );
    expect(encodeBase64(exampleSalt)).toBe('AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=');
    expect(thresholdCommitment(exampleSalt, example)).toBe(
      '2497973bfeae5c8d332cc33f545a88eda2c60ae8b740869b3ff9d4d9f9aedb42',
    );
  });

  it('changes with the salt, the version and any value', () => {
    const base = thresholdCommitment(exampleSalt, example);
    const otherSalt = Uint8Array.from(exampleSalt, (b) => b ^ 0xff);
    expect(thresholdCommitment(otherSalt, example)).not.toBe(base);
    expect(thresholdCommitment(exampleSalt, { ...example, version: 2 })).not.toBe(base);
    const rules = example.rules.map((r) => ({ ...r, value: 0.5000001 }));
    expect(thresholdCommitment(exampleSalt, { ...example, rules })).not.toBe(base);
  });

  it('refuses a salt that is not 32 bytes', () => {
    expect(() => thresholdCommitment(new Uint8Array(16), example)).toThrow(DeskError);
  });
});

describe('sealThresholdSet and openThresholdSet', () => {
  function stored(document = example, recipients = [authority, reviewer]) {
    const sealed = sealThresholdSet(document, authority, recipients.map(publicOf));
    const row: ThresholdSetVersionRow = {
      setId: document.id,
      version: document.version,
      format: sealed.format,
      authorKeyid: authority.keyid,
      createdAt: '2026-11-22T00:00:00.000Z',
      commitment: sealed.commitment,
      nonce: sealed.nonce,
      ciphertext: sealed.ciphertext,
    };
    const wrapped = (key: UnlockedKey) => {
      const found = sealed.wrappedKeys.find((w) => w.keyid === key.keyid)?.wrapped;
      if (found === undefined) throw new Error(`no wrapped key for ${key.name}`);
      return found;
    };
    return { sealed, row, wrapped };
  }

  it('opens for every recipient with the same document and commitment', () => {
    const { row, wrapped } = stored();
    for (const key of [authority, reviewer]) {
      const opened = openThresholdSet(row, wrapped(key), key, [publicOf(authority)]);
      expect(opened.document).toEqual(example);
      expect(opened.commitment).toBe(row.commitment);
      expect(opened.dataKey).toHaveLength(32);
    }
  });

  it('pads the content so that the ciphertext length does not count the rules', () => {
    const many = ThresholdSetSchema.parse({
      ...example,
      notes: 'x'.repeat(200),
      rules: Array.from({ length: 8 }, (_, i) => ({ ...example.rules[0], id: `rule-${i}` })),
    });
    const few = stored().row.ciphertext.length;
    expect((few - 16) % 4096).toBe(0);
    expect(stored(many).row.ciphertext.length).toBe(few);
  });

  it('refuses content whose padding is wrong, even though it authenticates', async () => {
    const { row, wrapped } = stored();
    const dataKey = reviewer.openSealed(wrapped(reviewer));
    const unpadded = encryptWithDataKey(
      new Uint8Array(4096),
      associatedData(row.setId, row.version),
      dataKey,
    );
    await expectDeskError(
      () => openThresholdSet({ ...row, ...unpadded }, wrapped(reviewer), reviewer, [authority]),
      'THRESHOLD_SET_ALTERED',
      /its content is not the sealed layout/,
    );
  });

  it('uses a fresh data key, nonce and salt for every seal', () => {
    const a = stored();
    const b = stored();
    expect(a.sealed.commitment).not.toBe(b.sealed.commitment);
    expect(Buffer.from(a.sealed.nonce)).not.toEqual(Buffer.from(b.sealed.nonce));
    const keyA = reviewer.openSealed(a.wrapped(reviewer));
    const keyB = reviewer.openSealed(b.wrapped(reviewer));
    expect(Buffer.from(keyA)).not.toEqual(Buffer.from(keyB));
  });

  it('binds the ciphertext to its id and version (associated data)', async () => {
    const { row, wrapped } = stored();
    expect(new TextDecoder().decode(associatedData('cyber-core', 1))).toBe(
      '{"id":"cyber-core","version":1}',
    );
    await expectDeskError(
      () => openThresholdSet({ ...row, version: 2 }, wrapped(reviewer), reviewer, [authority]),
      'THRESHOLD_SET_ALTERED',
      /version 2 has been altered \(its encryption does not authenticate\)/,
    );
  });

  it('refuses a content re-encrypted with a signature by a non-authority', async () => {
    const { row, wrapped } = stored();
    // A recipient can decrypt, so a recipient can re-encrypt: the signature is what stops them.
    const dataKey = reviewer.openSealed(wrapped(reviewer));
    const padded = decryptWithDataKey(row, associatedData(row.setId, row.version), dataKey);
    const content = JSON.parse(
      new TextDecoder().decode(unpadFromBlock(padded ?? new Uint8Array(), 4096) ?? undefined),
    ) as { envelope: { payload: string }; salt: string };
    const forged = signEnvelope(
      IN_TOTO_PAYLOAD_TYPE,
      Buffer.from(content.envelope.payload, 'base64'),
      [reviewer],
    );
    const reSealed = encryptWithDataKey(
      padToBlock(
        new TextEncoder().encode(
          canonicalJson({
            envelope: JSON.parse(JSON.stringify(forged)) as JsonValue,
            salt: content.salt,
          }),
        ),
        4096,
      ),
      associatedData(row.setId, row.version),
      dataKey,
    );
    await expectDeskError(
      () => openThresholdSet({ ...row, ...reSealed }, wrapped(reviewer), reviewer, [authority]),
      'THRESHOLD_SET_UNTRUSTED',
      /is not signed by an authority of the current trust roster/,
    );
  });

  it('refuses a commitment or author recorded beside it that does not match', async () => {
    const { row, wrapped } = stored();
    await expectDeskError(
      () =>
        openThresholdSet({ ...row, commitment: 'a'.repeat(64) }, wrapped(reviewer), reviewer, [
          authority,
        ]),
      'THRESHOLD_SET_ALTERED',
      /the stored commitment is not its commitment/,
    );
    await expectDeskError(
      () =>
        openThresholdSet({ ...row, authorKeyid: reviewer.keyid }, wrapped(reviewer), reviewer, [
          authority,
          reviewer,
        ]),
      'THRESHOLD_SET_ALTERED',
      /the recorded author did not sign it/,
    );
  });

  it('refuses a data key wrapped for someone else as "altered", and says who', async () => {
    const { row, wrapped } = stored();
    await expectDeskError(
      () => openThresholdSet(row, wrapped(reviewer), outsider, [authority]),
      'THRESHOLD_SET_ALTERED',
      /the data key stored for "Outsider" does not open with that key/,
    );
  });

  it('refuses a format it does not know', async () => {
    const { row, wrapped } = stored();
    await expectDeskError(
      () =>
        openThresholdSet(
          { ...row, format: 'designation-desk/sealed-threshold-set/v2' },
          wrapped(reviewer),
          reviewer,
          [authority],
        ),
      'THRESHOLD_SET_ALTERED',
      /not in a format this build reads/,
    );
  });
});
