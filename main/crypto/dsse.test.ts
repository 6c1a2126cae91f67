import { beforeAll, describe, expect, it } from 'vitest';
import { DeskError } from '../../common/errors';
import {
  generateKeyPair,
  initCrypto,
  keyIdOf,
  MAX_SIGNATURES,
  pae,
  signEnvelope,
  verifyEnvelope,
  type Envelope,
  type PublicKey,
  type UnlockedKey,
  type VerificationPolicy,
} from '.';
import {
  ARGON2ID_MEMLIMIT_MIN,
  ARGON2ID_OPSLIMIT_MIN,
  sealSecretKey,
  unsealSecretKey,
} from '../key-files';

const IN_TOTO = 'application/vnd.in-toto+json';
const statement = new TextEncoder().encode('{"_type":"in-toto statement"}');

async function unlockedKey(name: string): Promise<UnlockedKey> {
  const passphrase = new TextEncoder().encode(`passphrase of ${name}`);
  const file = await sealSecretKey(name, await generateKeyPair(), passphrase, {
    opslimit: ARGON2ID_OPSLIMIT_MIN,
    memlimit: ARGON2ID_MEMLIMIT_MIN,
  });
  return unsealSecretKey(file, passphrase);
}

function publicOf(key: UnlockedKey): PublicKey {
  return { name: key.name, keyid: key.keyid, publicKey: key.publicKey };
}

function toUrlSafe(text: string): string {
  return text.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

let a: UnlockedKey;
let b: UnlockedKey;
let c: UnlockedKey;
let policy: VerificationPolicy;

beforeAll(async () => {
  await initCrypto();
  [a, b, c] = await Promise.all([unlockedKey('A'), unlockedKey('B'), unlockedKey('C')]);
  policy = { trustedKeys: [publicOf(a), publicOf(b)], threshold: 2, payloadTypes: [IN_TOTO] };
});

describe('pae', () => {
  it("matches the example in DSSE's protocol.md", () => {
    const encoded = pae('http://example.com/HelloWorld', new TextEncoder().encode('hello world'));
    expect(new TextDecoder().decode(encoded)).toBe(
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
    );
  });

  it('counts bytes, not characters', () => {
    const encoded = new TextDecoder().decode(pae('ä', new Uint8Array([0xff, 0x00])));
    expect(encoded.startsWith('DSSEv1 2 ä 2 ')).toBe(true);
  });

  it('refuses a payload type that is not well-formed Unicode', () => {
    expect(() => pae('type\ud800', new Uint8Array())).toThrow(DeskError);
  });
});

describe('signEnvelope and verifyEnvelope', () => {
  it('round-trips with two signers and a threshold of two', () => {
    const envelope = signEnvelope(IN_TOTO, statement, [a, b]);
    expect(envelope.signatures.map((s) => s.keyid)).toEqual([a.keyid, b.keyid]);
    expect(envelope.payload).toBe(Buffer.from(statement).toString('base64'));
    const result = verifyEnvelope(JSON.parse(JSON.stringify(envelope)), policy);
    expect(result).toMatchObject({ ok: true, payloadType: IN_TOTO });
    if (!result.ok) return;
    expect(Buffer.from(result.payload)).toEqual(Buffer.from(statement));
    expect(result.signedBy.map((k) => k.name)).toEqual(['A', 'B']);
  });

  it('refuses a tampered payload', () => {
    const envelope = signEnvelope(IN_TOTO, statement, [a, b]);
    const tampered = { ...envelope, payload: Buffer.from('{"_type":"other"}').toString('base64') };
    expect(verifyEnvelope(tampered, policy)).toEqual({
      ok: false,
      code: 'SIGNATURE_THRESHOLD_NOT_MET',
      reason: 'The envelope has no valid signature from a trusted key; 2 are required.',
    });
  });

  it('does not count a key it does not trust, and names the keyid that signature claims', () => {
    const envelope = signEnvelope(IN_TOTO, statement, [a, c]);
    expect(verifyEnvelope(envelope, policy)).toEqual({
      ok: false,
      code: 'SIGNATURE_THRESHOLD_NOT_MET',
      reason: `The envelope has 1 valid signature from a trusted key; 2 are required. Its other signatures name keys not trusted for it (keyid ${c.keyid}).`,
    });
    // The keyid is the envelope's text: shown escaped and cut, never trusted.
    const hostile = {
      ...envelope,
      signatures: [
        { keyid: `\u001b[2J${'f'.repeat(200)}`, sig: envelope.signatures[1]?.sig ?? '' },
      ],
    };
    const reason = verifyEnvelope(hostile, policy);
    expect(reason).toMatchObject({ ok: false });
    expect(JSON.stringify(reason)).not.toContain('\\u001b');
    expect(reason.ok ? '' : reason.reason).toContain(`(keyid \\u{001B}[2J${'f'.repeat(96)}…)`);
  });

  it('counts distinct keys: one key signing twice under two keyids counts once', () => {
    const envelope = signEnvelope(IN_TOTO, statement, [
      a,
      { keyid: b.keyid, sign: (m) => a.sign(m) },
    ]);
    expect(verifyEnvelope(envelope, policy)).toMatchObject({
      ok: false,
      code: 'SIGNATURE_THRESHOLD_NOT_MET',
    });
    // The same key listed twice in a policy is still one key.
    const doubled = { ...policy, trustedKeys: [publicOf(a), { ...publicOf(a), keyid: 'x' }] };
    expect(verifyEnvelope(signEnvelope(IN_TOTO, statement, [a, a]), doubled)).toMatchObject({
      ok: false,
      code: 'SIGNATURE_THRESHOLD_NOT_MET',
    });
  });

  it('uses keyids only as hints: wrong, missing or empty keyids still verify', () => {
    const envelope = signEnvelope(IN_TOTO, statement, [a, b]);
    const [sigA, sigB] = envelope.signatures;
    const relabelled: Envelope = {
      ...envelope,
      signatures: [
        { keyid: b.keyid, sig: sigA?.sig ?? '' },
        { keyid: '', sig: sigB?.sig ?? '' },
      ],
    };
    expect(verifyEnvelope(relabelled, policy)).toMatchObject({ ok: true });
    const unlabelled = { ...envelope, signatures: envelope.signatures.map(({ sig }) => ({ sig })) };
    expect(verifyEnvelope(unlabelled, policy)).toMatchObject({ ok: true });
  });

  it('accepts URL-safe base64 without padding', () => {
    const envelope = signEnvelope(IN_TOTO, new Uint8Array([0xfb, 0xff, 0xbf, 0x3e]), [a, b]);
    const urlSafe = {
      ...envelope,
      payload: toUrlSafe(envelope.payload),
      signatures: envelope.signatures.map((s) => ({ ...s, sig: toUrlSafe(s.sig) })),
    };
    expect(urlSafe.payload).toMatch(/[-_]/);
    expect(verifyEnvelope(urlSafe, policy)).toMatchObject({ ok: true });
  });

  it('checks the payload type only after the signatures', () => {
    const envelope = signEnvelope('application/x-unexpected', statement, [a, b]);
    expect(verifyEnvelope(envelope, policy)).toEqual({
      ok: false,
      code: 'PAYLOAD_TYPE_NOT_ALLOWED',
      reason:
        'The payload type "application/x-unexpected" is not accepted here; expected application/vnd.in-toto+json.',
    });
    const unsigned = { ...envelope, signatures: [] };
    expect(verifyEnvelope(unsigned, policy)).toMatchObject({ code: 'SIGNATURE_THRESHOLD_NOT_MET' });
  });

  it('lists every accepted type and quotes a hostile one safely', () => {
    const type = `evil"\n${'x'.repeat(300)}`;
    const envelope = signEnvelope(type, statement, [a]);
    const result = verifyEnvelope(envelope, {
      ...policy,
      threshold: 1,
      payloadTypes: ['t1', 't2'],
    });
    expect(result).toMatchObject({ ok: false, code: 'PAYLOAD_TYPE_NOT_ALLOWED' });
    if (result.ok) return;
    expect(result.reason).toMatch(
      /^The payload type "evil\\"\\nx+…" is not accepted here; expected one of t1, t2\.$/,
    );
    expect(result.reason.length).toBeLessThan(200);
  });

  it('ignores a signature that is not 64 bytes instead of rejecting the envelope', () => {
    const envelope = signEnvelope(IN_TOTO, statement, [a]);
    const withForeign = {
      ...envelope,
      signatures: [
        { keyid: 'ecdsa', sig: Buffer.alloc(71, 1).toString('base64') },
        ...envelope.signatures,
      ],
    };
    expect(verifyEnvelope(withForeign, { ...policy, threshold: 1 })).toMatchObject({ ok: true });
  });

  it('ignores fields it does not know (envelope.md: consumers MUST ignore them)', () => {
    const envelope = { ...signEnvelope(IN_TOTO, statement, [a, b]), extension: { x: 1 } };
    expect(verifyEnvelope(envelope, policy)).toMatchObject({ ok: true });
  });

  it.each([
    ['null', null, 'The envelope must be a JSON object.'],
    ['a string', 'envelope', 'The envelope must be a JSON object.'],
    ['a number', 42, 'The envelope must be a JSON object.'],
    ['a list', [], 'The envelope must be a JSON object.'],
    ['no payloadType', { payload: '', signatures: [] }, "The envelope's payloadType is missing."],
    [
      'a numeric payload',
      { payload: 1, payloadType: IN_TOTO, signatures: [] },
      "The envelope's payload must be text.",
    ],
    [
      'signatures as an object',
      { payload: '', payloadType: IN_TOTO, signatures: {} },
      "The envelope's signatures must be a list.",
    ],
    [
      'garbage base64 in a payload',
      { payload: 'not base64!', payloadType: IN_TOTO, signatures: [] },
      "The envelope's payload must be base64 (standard or URL-safe alphabet).",
    ],
    [
      'garbage base64 in a signature',
      { payload: '', payloadType: IN_TOTO, signatures: [{ sig: 'AAAA' }, { sig: '%%%%' }] },
      "The envelope's signatures[1].sig must be base64 (standard or URL-safe alphabet).",
    ],
    [
      'a signature without sig',
      { payload: '', payloadType: IN_TOTO, signatures: [{ keyid: 'k' }] },
      "The envelope's signatures[0].sig is missing.",
    ],
    [
      'a numeric keyid',
      { payload: '', payloadType: IN_TOTO, signatures: [{ keyid: 7, sig: '' }] },
      "The envelope's signatures[0].keyid must be text.",
    ],
    [
      'a lone surrogate in the type',
      { payload: '', payloadType: 'a\udc00', signatures: [] },
      "The envelope's payloadType must be well-formed Unicode text.",
    ],
    [
      'too many signatures',
      {
        payload: '',
        payloadType: IN_TOTO,
        signatures: Array.from({ length: MAX_SIGNATURES + 1 }, () => ({ sig: '' })),
      },
      `The envelope's signatures must hold at most ${MAX_SIGNATURES} signatures.`,
    ],
  ])('reports a malformed envelope (%s) in one sentence', (_what, json, reason) => {
    expect(verifyEnvelope(json, policy)).toEqual({ ok: false, code: 'MALFORMED_ENVELOPE', reason });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a policy with threshold %s', (threshold) => {
    expect(() =>
      verifyEnvelope(signEnvelope(IN_TOTO, statement, [a]), { ...policy, threshold }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('refuses a policy key that is not 32 bytes', () => {
    const bad = {
      name: 'short',
      keyid: keyIdOf(new Uint8Array(31)),
      publicKey: new Uint8Array(31),
    };
    expect(() => verifyEnvelope({}, { ...policy, trustedKeys: [bad] })).toThrow(DeskError);
  });

  it('refuses to sign with no signers', () => {
    expect(() => signEnvelope(IN_TOTO, statement, [])).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
