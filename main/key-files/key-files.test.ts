import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectDeskError } from '../../tests/support/desk-error';
import {
  encodeBase64,
  generateKeyPair,
  initCrypto,
  keyIdOf,
  parsePublicKeyFile,
  signEnvelope,
  toPublicKeyFile,
  unlockedKeyFrom,
  verifyEnvelope,
} from '../crypto';
import {
  ARGON2ID_MEMLIMIT_MIN,
  ARGON2ID_OPSLIMIT_MIN,
  sealSecretKey,
  SecretKeyFileSchema,
  unsealSecretKey,
  type SecretKeyFile,
} from '.';

const passphrase = new TextEncoder().encode('correct horse battery staple');
const SMALL = { opslimit: ARGON2ID_OPSLIMIT_MIN, memlimit: ARGON2ID_MEMLIMIT_MIN };

/** What a file looks like after being written and read back: plain JSON. */
function throughJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

beforeAll(async () => {
  await initCrypto();
});

describe('generateKeyPair', () => {
  it('makes a 32-byte public key and a 64-byte libsodium secret key', async () => {
    const pair = await generateKeyPair();
    expect(pair.publicKey).toHaveLength(32);
    expect(pair.secretKey).toHaveLength(64);
    expect(Buffer.from(pair.secretKey.subarray(32))).toEqual(Buffer.from(pair.publicKey));
  });
});

describe('public key file', () => {
  it('round-trips through JSON with exactly the v1 fields', async () => {
    const { publicKey } = await generateKeyPair();
    const file = toPublicKeyFile('Lab A signing key', publicKey);
    expect(Object.keys(file)).toEqual(['type', 'alg', 'keyid', 'publicKey', 'name']);
    expect(file).toEqual({
      type: 'designation-desk/public-key/v1',
      alg: 'ed25519',
      keyid: keyIdOf(publicKey),
      publicKey: Buffer.from(publicKey).toString('base64'),
      name: 'Lab A signing key',
    });
    const parsed = parsePublicKeyFile(throughJson(file));
    expect(parsed.name).toBe('Lab A signing key');
    expect(parsed.keyid).toBe(file.keyid);
    expect(Buffer.from(parsed.publicKey)).toEqual(Buffer.from(publicKey));
  });

  it('refuses a keyid that is not the hash of the public key', async () => {
    const a = await generateKeyPair();
    const b = await generateKeyPair();
    const file = { ...toPublicKeyFile('A', a.publicKey), keyid: keyIdOf(b.publicKey) };
    await expectDeskError(
      () => parsePublicKeyFile(file),
      'INVALID_KEY_FILE',
      "The public key file's keyid does not match its public key; the file is damaged or has been altered.",
    );
  });

  const valid = toPublicKeyFile('A', new Uint8Array(32).fill(7));
  it.each([
    ['not an object', null, 'The public key file must be a JSON object.'],
    ['a list', [valid], 'The public key file must be a JSON object.'],
    [
      'the wrong type',
      { ...valid, type: 'designation-desk/secret-key/v1' },
      /type must be "designation-desk\/public-key\/v1"/,
    ],
    ['another algorithm', { ...valid, alg: 'ecdsa-p256' }, /alg must be "ed25519"/],
    ['a missing name', { ...valid, name: undefined }, "The public key file's name is missing."],
    [
      'an unexpected field',
      { ...valid, comment: 'x' },
      'The public key file has an unexpected field "comment".',
    ],
    [
      'an uppercase keyid',
      { ...valid, keyid: valid.keyid.toUpperCase() },
      /keyid must be 64 lowercase hexadecimal digits/,
    ],
    [
      'a 31-byte key',
      { ...valid, publicKey: encodeBase64(new Uint8Array(31)) },
      /publicKey must be 32 bytes/,
    ],
    [
      'a URL-safe key',
      {
        ...valid,
        publicKey: valid.publicKey.replaceAll('/', '_').replaceAll('+', '-').replace('=', ''),
      },
      /publicKey must be 32 bytes in standard padded base64/,
    ],
    [
      'a name with a line break',
      { ...valid, name: 'A\nforged log line' },
      /name must not contain control, line-separator or text-direction characters/,
    ],
    ['an empty name', { ...valid, name: '' }, /name must be 1 to 128 characters/],
  ])('refuses %s', async (_what, json, message) => {
    await expectDeskError(() => parsePublicKeyFile(json), 'INVALID_KEY_FILE', message);
  });

  it('refuses to write a file for a bad name or key length', async () => {
    await expectDeskError(
      () => toPublicKeyFile('\u202eevil', new Uint8Array(32)),
      'INVALID_ARGUMENT',
    );
    await expectDeskError(() => toPublicKeyFile('A', new Uint8Array(31)), 'INVALID_ARGUMENT');
  });
});

describe('secret key file', () => {
  let pair: { publicKey: Uint8Array; secretKey: Uint8Array };
  let sealed: SecretKeyFile;

  beforeAll(async () => {
    pair = await generateKeyPair();
    sealed = throughJson(await sealSecretKey('Reviewer 1', pair, passphrase, SMALL));
  });

  it('round-trips: seal, write, read, unseal, sign, verify', async () => {
    const key = await unsealSecretKey(sealed, passphrase);
    expect(key.name).toBe('Reviewer 1');
    expect(key.keyid).toBe(keyIdOf(pair.publicKey));
    expect(Buffer.from(key.publicKey)).toEqual(Buffer.from(pair.publicKey));

    const message = new TextEncoder().encode('a recommendation');
    expect(sodium.crypto_sign_verify_detached(key.sign(message), message, pair.publicKey)).toBe(
      true,
    );

    const envelope = signEnvelope('application/vnd.in-toto+json', message, [key]);
    const result = verifyEnvelope(throughJson(envelope), {
      trustedKeys: [key],
      threshold: 1,
      payloadTypes: ['application/vnd.in-toto+json'],
    });
    expect(result).toMatchObject({ ok: true, signedBy: [{ keyid: key.keyid }] });
    key.wipe();
  });

  it('writes the v1 layout, with the secret key nowhere in clear', () => {
    expect(Object.keys(sealed)).toEqual([
      'type',
      'alg',
      'keyid',
      'publicKey',
      'name',
      'kdf',
      'cipher',
      'passphraseCheck',
      'sealedSecretKey',
    ]);
    expect(sealed).toMatchObject({
      type: 'designation-desk/secret-key/v1',
      alg: 'ed25519',
      keyid: keyIdOf(pair.publicKey),
      publicKey: encodeBase64(pair.publicKey),
      kdf: { alg: 'argon2id13', opslimit: 1, memlimit: 8192 },
      cipher: { alg: 'xchacha20poly1305-ietf' },
    });
    expect(SecretKeyFileSchema.safeParse(sealed).success).toBe(true);
    const text = JSON.stringify(sealed);
    const seed = pair.secretKey.subarray(0, 32);
    for (const spelling of [encodeBase64(seed), Buffer.from(seed).toString('hex')]) {
      expect(text).not.toContain(spelling.slice(0, 16));
    }
  });

  it('leaves the caller its passphrase: the Argon2id worker gets a copy, moved and zeroed', async () => {
    const mine = Uint8Array.from(passphrase);
    await unsealSecretKey(sealed, mine);
    await sealSecretKey('Reviewer 1', pair, mine, SMALL);
    // Neither detached by the transfer nor zeroed: the caller zeroes it when it is done.
    expect(Buffer.from(mine)).toEqual(Buffer.from(passphrase));
  });

  it('uses libsodium MODERATE Argon2id limits by default', async () => {
    const file = await sealSecretKey('Default limits', pair, passphrase);
    expect(file.kdf.opslimit).toBe(sodium.crypto_pwhash_OPSLIMIT_MODERATE);
    expect(file.kdf.memlimit).toBe(sodium.crypto_pwhash_MEMLIMIT_MODERATE);
  });

  it('uses a fresh salt and nonce for every seal', async () => {
    const again = await sealSecretKey('Reviewer 1', pair, passphrase, SMALL);
    expect(again.kdf.salt).not.toBe(sealed.kdf.salt);
    expect(again.cipher.nonce).not.toBe(sealed.cipher.nonce);
  });

  it('says a wrong passphrase is a wrong passphrase', async () => {
    await expectDeskError(
      () => unsealSecretKey(sealed, new TextEncoder().encode('wrong horse')),
      'WRONG_PASSPHRASE',
      'The passphrase does not open this key file.',
    );
  });

  it('refuses a flipped ciphertext byte as an altered file', async () => {
    const bytes = Buffer.from(sealed.sealedSecretKey, 'base64');
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;
    await expectDeskError(
      () => unsealSecretKey({ ...sealed, sealedSecretKey: bytes.toString('base64') }, passphrase),
      'INVALID_KEY_FILE',
      'The secret key file has been altered since it was sealed; it cannot be trusted.',
    );
  });

  it('refuses a changed name (bound to the ciphertext)', async () => {
    await expectDeskError(
      () => unsealSecretKey({ ...sealed, name: 'Authority 1' }, passphrase),
      'INVALID_KEY_FILE',
      /has been altered/,
    );
  });

  it('refuses a keyid that does not match the public key', async () => {
    const other = await generateKeyPair();
    await expectDeskError(
      () => unsealSecretKey({ ...sealed, keyid: keyIdOf(other.publicKey) }, passphrase),
      'INVALID_KEY_FILE',
      /keyid does not match its public key/,
    );
  });

  it("refuses another key's public header on this ciphertext", async () => {
    const other = await generateKeyPair();
    const swapped = {
      ...sealed,
      keyid: keyIdOf(other.publicKey),
      publicKey: encodeBase64(other.publicKey),
    };
    await expectDeskError(
      () => unsealSecretKey(swapped, passphrase),
      'INVALID_KEY_FILE',
      /altered/,
    );
  });

  it("refuses another file's sealed key under this header", async () => {
    const other = await generateKeyPair();
    const otherFile = await sealSecretKey('Reviewer 1', other, passphrase, SMALL);
    const transplanted = {
      ...sealed,
      kdf: otherFile.kdf,
      cipher: otherFile.cipher,
      passphraseCheck: otherFile.passphraseCheck,
      sealedSecretKey: otherFile.sealedSecretKey,
    };
    await expectDeskError(
      () => unsealSecretKey(transplanted, passphrase),
      'INVALID_KEY_FILE',
      /altered/,
    );
  });

  it('refuses an altered passphrase check even with the right passphrase', async () => {
    const check = Buffer.from(sealed.passphraseCheck, 'base64');
    check[0] = (check[0] ?? 0) ^ 0x80;
    await expectDeskError(
      () => unsealSecretKey({ ...sealed, passphraseCheck: check.toString('base64') }, passphrase),
      'INVALID_KEY_FILE',
      /altered/,
    );
  });

  const GiB = 1024 * 1024 * 1024;
  it.each([
    ['memlimit above 1 GiB', { memlimit: 2 * GiB }, /memlimit must be at most 1073741824 bytes/],
    [
      'memlimit below the Argon2id minimum',
      { memlimit: 1024 },
      /memlimit must be at least 8192 bytes/,
    ],
    ['opslimit 0', { opslimit: 0 }, /opslimit must be at least 1/],
    [
      'a huge opslimit',
      { opslimit: 2 ** 32, memlimit: 8 * 1024 * 1024 },
      /more Argon2id work than Designation Desk accepts/,
    ],
    ['1 GiB with 5 passes', { opslimit: 5, memlimit: GiB }, /more Argon2id work/],
    ['a fractional memlimit', { memlimit: 8192.5 }, /memlimit must be a whole number/],
    ['a memlimit given as text', { memlimit: '268435456' }, /memlimit must be a number/],
    ['another KDF', { alg: 'scrypt' }, /kdf\.alg must be "argon2id13"/],
  ])(
    'refuses hostile Argon2id parameters (%s) before running Argon2id',
    async (_what, kdf, message) => {
      const hostile = { ...sealed, kdf: { ...sealed.kdf, ...kdf } };
      const started = performance.now();
      await expectDeskError(
        () => unsealSecretKey(hostile, passphrase),
        'INVALID_KEY_FILE',
        message,
      );
      expect(performance.now() - started).toBeLessThan(1000);
    },
  );

  it.each([
    ['not an object', 'secret', 'The secret key file must be a JSON object.'],
    [
      'a public key file',
      toPublicKeyFile('A', new Uint8Array(32)),
      /type must be "designation-desk\/secret-key\/v1"/,
    ],
    ['a short salt', 'salt', /kdf\.salt must be 16 bytes/],
    ['an extra field', 'extra', /has an unexpected field "seed"/],
  ])('refuses a malformed file (%s)', async (_what, change, message) => {
    const json =
      change === 'salt'
        ? { ...sealed, kdf: { ...sealed.kdf, salt: encodeBase64(new Uint8Array(8)) } }
        : change === 'extra'
          ? { ...sealed, seed: 'AAAA' }
          : change;
    await expectDeskError(() => unsealSecretKey(json, passphrase), 'INVALID_KEY_FILE', message);
  });

  it('refuses to seal with an empty passphrase, a mismatched pair or out-of-range limits', async () => {
    const other = await generateKeyPair();
    await expectDeskError(
      () => sealSecretKey('A', pair, new Uint8Array(), SMALL),
      'INVALID_ARGUMENT',
    );
    await expectDeskError(
      () =>
        sealSecretKey(
          'A',
          { publicKey: other.publicKey, secretKey: pair.secretKey },
          passphrase,
          SMALL,
        ),
      'INVALID_ARGUMENT',
      'The secret key does not belong to the public key.',
    );
    await expectDeskError(
      () => sealSecretKey('A', pair, passphrase, { opslimit: 1, memlimit: 2 * 1024 * 1024 * 1024 }),
      'INVALID_ARGUMENT',
    );
  });

  it('keeps our Argon2id minimums equal to libsodium’s', () => {
    expect(ARGON2ID_OPSLIMIT_MIN).toBe(sodium.crypto_pwhash_OPSLIMIT_MIN);
    expect(ARGON2ID_MEMLIMIT_MIN).toBe(sodium.crypto_pwhash_MEMLIMIT_MIN);
  });
});

describe('format v1 stability', () => {
  // The example in docs/formats.md: RFC 8032 TEST 1 sealed with libsodium's MODERATE limits.
  // A v1 file written today must open with every later version of the code.
  const example = {
    type: 'designation-desk/secret-key/v1',
    alg: 'ed25519',
    keyid: '21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9',
    publicKey: '11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=',
    name: 'Example Lab signing key',
    kdf: {
      alg: 'argon2id13',
      opslimit: 3,
      memlimit: 268435456,
      salt: 'Np2M+qV5hYONh6RxY4n9kA==',
    },
    cipher: { alg: 'xchacha20poly1305-ietf', nonce: 'H6zqSDIk+t7M5YxH4wVRQ1Hf8yMAJL/2' },
    passphraseCheck: 'puUIgjkQJisYHSRU1qIW3X4g7YJRJ5VkrEZaO7vafb4=',
    sealedSecretKey:
      'Dc8Kql/U5VlqlSd/IdvU7y7zc5W4kM/sTMnZkY+P5xdeMW8tlTXQudNjRKlSVYc4OybinZv9BQ3jHGIRSe3XdGfkL359TMFLRTUkrQ1PP7Q=',
  };

  it('opens the documented example and signs as RFC 8032 TEST 1', async () => {
    const key = await unsealSecretKey(example, passphrase);
    expect(key.keyid).toBe(example.keyid);
    // RFC 8032 §7.1 TEST 1: the signature of the empty message.
    expect(Buffer.from(key.sign(new Uint8Array())).toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    key.wipe();
  });
});

describe('UnlockedKey', () => {
  it('cannot sign after wipe()', async () => {
    const pair = await generateKeyPair();
    const key = await unsealSecretKey(
      await sealSecretKey('Authority 2', pair, passphrase, SMALL),
      passphrase,
    );
    key.sign(new Uint8Array([1]));
    key.wipe();
    key.wipe();
    await expectDeskError(
      () => key.sign(new Uint8Array([1])),
      'KEY_LOCKED',
      'The key "Authority 2" has been locked; unlock it again to sign.',
    );
  });

  it('zeroes the secret key it holds', async () => {
    const pair = await generateKeyPair();
    const secretKey = Uint8Array.from(pair.secretKey);
    const key = unlockedKeyFrom(
      { name: 'A', keyid: keyIdOf(pair.publicKey), publicKey: pair.publicKey },
      secretKey,
    );
    expect(secretKey.some((b) => b !== 0)).toBe(true);
    key.wipe();
    expect(secretKey.every((b) => b === 0)).toBe(true);
  });

  it('shows nothing secret when logged or serialised', async () => {
    const pair = await generateKeyPair();
    const key = unlockedKeyFrom(
      { name: 'A', keyid: keyIdOf(pair.publicKey), publicKey: pair.publicKey },
      Uint8Array.from(pair.secretKey),
    );
    expect(Object.keys(key)).toEqual(['name', 'keyid', 'publicKey', 'sign', 'openSealed', 'wipe']);
    expect(Object.isFrozen(key)).toBe(true);
    key.wipe();
  });
});
