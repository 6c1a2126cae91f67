import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decryptWithDataKey,
  encryptWithDataKey,
  generateKeyPair,
  initCrypto,
  keyIdOf,
  newDataKey,
  padToBlock,
  sealToKey,
  unpadFromBlock,
  wipeBytes,
  type PublicKey,
  type UnlockedKey,
} from '.';
import { unlockedKeyFrom } from './unlocked-key';
import { expectDeskError } from '../../tests/support/desk-error';

const encode = (text: string) => new TextEncoder().encode(text);

interface TestIdentity {
  readonly key: UnlockedKey;
  readonly public: PublicKey;
  readonly secretKey: Uint8Array;
}

async function identity(name: string): Promise<TestIdentity> {
  const pair = await generateKeyPair();
  const pub = { name, keyid: keyIdOf(pair.publicKey), publicKey: pair.publicKey };
  return {
    key: unlockedKeyFrom(pub, Uint8Array.from(pair.secretKey)),
    public: pub,
    secretKey: pair.secretKey,
  };
}

let alice: TestIdentity;
let bob: TestIdentity;

beforeAll(async () => {
  await initCrypto();
  [alice, bob] = await Promise.all([identity('Alice'), identity('Bob')]);
});

describe('sealToKey and UnlockedKey.openSealed', () => {
  it('round-trip, with a fresh ephemeral key every time', () => {
    const message = newDataKey();
    const first = sealToKey(message, alice.public);
    const second = sealToKey(message, alice.public);
    expect(first).toHaveLength(message.length + sodium.crypto_box_SEALBYTES);
    expect(Buffer.from(first)).not.toEqual(Buffer.from(second));
    expect(Buffer.from(alice.key.openSealed(first))).toEqual(Buffer.from(message));
    expect(Buffer.from(alice.key.openSealed(second))).toEqual(Buffer.from(message));
  });

  it("use libsodium's Ed25519-to-X25519 conversion, both ways", () => {
    const message = encode('interoperable');
    // Sealed by plain libsodium to the converted key, opened by the UnlockedKey …
    const toAlice = sodium.crypto_box_seal(
      message,
      sodium.crypto_sign_ed25519_pk_to_curve25519(alice.public.publicKey),
    );
    expect(new TextDecoder().decode(alice.key.openSealed(toAlice))).toBe('interoperable');
    // … and sealed by us, opened by plain libsodium with the converted secret key.
    const x25519Secret = sodium.crypto_sign_ed25519_sk_to_curve25519(alice.secretKey);
    const opened = sodium.crypto_box_seal_open(
      sealToKey(message, alice.public),
      sodium.crypto_scalarmult_base(x25519Secret),
      x25519Secret,
    );
    expect(new TextDecoder().decode(opened)).toBe('interoperable');
  });

  it('refuse a box sealed to another key: NOT_A_RECIPIENT', async () => {
    await expectDeskError(
      () => bob.key.openSealed(sealToKey(encode('for Alice'), alice.public)),
      'NOT_A_RECIPIENT',
      /not encrypted to the key "Bob", or it has been altered/,
    );
  });

  it('refuse an altered or truncated box: NOT_A_RECIPIENT', async () => {
    const sealed = sealToKey(encode('for Alice'), alice.public);
    for (const index of [0, 31, 32, 47, sealed.length - 1]) {
      const altered = Uint8Array.from(sealed);
      altered[index] = (altered[index] ?? 0) ^ 0x01;
      await expectDeskError(() => alice.key.openSealed(altered), 'NOT_A_RECIPIENT');
    }
    await expectDeskError(() => alice.key.openSealed(sealed.subarray(0, 47)), 'NOT_A_RECIPIENT');
    await expectDeskError(() => alice.key.openSealed(new Uint8Array()), 'NOT_A_RECIPIENT');
  });

  it('refuse to open after wipe(): KEY_LOCKED', async () => {
    const carol = await identity('Carol');
    const sealed = sealToKey(encode('x'), carol.public);
    carol.key.openSealed(sealed);
    carol.key.wipe();
    await expectDeskError(
      () => carol.key.openSealed(sealed),
      'KEY_LOCKED',
      /^The key "Carol" has been locked; unlock it again to open what was encrypted to it\.$/,
    );
  });

  it('refuse to seal to a key that is not a usable Ed25519 public key', async () => {
    const short = { name: 'Short', keyid: '0'.repeat(64), publicKey: new Uint8Array(31) };
    await expectDeskError(() => sealToKey(encode('x'), short), 'INVALID_ARGUMENT', /"Short"/);
    // The neutral element (y = 1) has small order: libsodium refuses to convert it.
    const identityPoint = new Uint8Array(32);
    identityPoint[0] = 1;
    const neutral = { name: 'Neutral', keyid: keyIdOf(identityPoint), publicKey: identityPoint };
    await expectDeskError(() => sealToKey(encode('x'), neutral), 'INVALID_ARGUMENT', /not a valid/);
  });
});

describe('encryptWithDataKey and decryptWithDataKey', () => {
  const ad = encode('{"id":"set","version":1}');

  it('round-trip with a fresh 24-byte nonce every time', () => {
    const key = newDataKey();
    const a = encryptWithDataKey(encode('classified'), ad, key);
    const b = encryptWithDataKey(encode('classified'), ad, key);
    expect(a.nonce).toHaveLength(24);
    expect(a.ciphertext).toHaveLength('classified'.length + 16);
    expect(Buffer.from(a.nonce)).not.toEqual(Buffer.from(b.nonce));
    expect(new TextDecoder().decode(decryptWithDataKey(a, ad, key) ?? undefined)).toBe(
      'classified',
    );
  });

  it('return null for other associated data, an altered byte, another key or nonce', () => {
    const key = newDataKey();
    const sealed = encryptWithDataKey(encode('classified'), ad, key);
    expect(decryptWithDataKey(sealed, encode('{"id":"set","version":2}'), key)).toBeNull();
    const flipped = Uint8Array.from(sealed.ciphertext);
    flipped[0] = (flipped[0] ?? 0) ^ 0x80;
    expect(decryptWithDataKey({ ...sealed, ciphertext: flipped }, ad, key)).toBeNull();
    expect(decryptWithDataKey(sealed, ad, newDataKey())).toBeNull();
    expect(decryptWithDataKey({ ...sealed, nonce: new Uint8Array(24) }, ad, key)).toBeNull();
    expect(decryptWithDataKey({ ...sealed, nonce: new Uint8Array(12) }, ad, key)).toBeNull();
  });

  it('refuse a key that is not 32 bytes, and wipeBytes zeroes a key', async () => {
    await expectDeskError(
      () => encryptWithDataKey(encode('x'), ad, new Uint8Array(16)),
      'INVALID_ARGUMENT',
    );
    const key = newDataKey();
    wipeBytes(key);
    expect(key.every((byte) => byte === 0)).toBe(true);
  });
});

describe('padToBlock and unpadFromBlock', () => {
  it('pad to a whole number of blocks (always at least one byte) and back', () => {
    for (const length of [0, 1, 4095, 4096, 4097]) {
      const padded = padToBlock(new Uint8Array(length).fill(7), 4096);
      expect(padded.length % 4096).toBe(0);
      expect(padded.length).toBeGreaterThan(length);
      expect(unpadFromBlock(padded, 4096)).toEqual(new Uint8Array(length).fill(7));
    }
  });

  it('return null for bytes that are not padded', () => {
    expect(unpadFromBlock(new Uint8Array(4096), 4096)).toBeNull();
  });
});
