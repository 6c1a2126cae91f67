import { describe, expect, it } from 'vitest';
import { initCrypto, verifyEnvelope } from '.';

// Its own file: Vitest gives each test file fresh modules, so libsodium is not loaded yet.
describe('initCrypto', () => {
  it('is required before synchronous crypto, and says so', async () => {
    const policy = { trustedKeys: [], threshold: 1, payloadTypes: [] };
    expect(() => verifyEnvelope({}, policy)).toThrow(/await initCrypto\(\)/);
    await initCrypto();
    expect(verifyEnvelope({}, policy)).toMatchObject({ ok: false, code: 'MALFORMED_ENVELOPE' });
  });
});
