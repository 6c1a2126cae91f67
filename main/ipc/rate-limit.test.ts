import { describe, expect, it } from 'vitest';
import { AUDITED_CHANNEL_LIMITS, rateLimited, tokenBucket } from './rate-limit';
import type { Handlers } from './router';

describe('tokenBucket', () => {
  it('allows a burst, then refills at its rate', () => {
    const clock = { now: 0 };
    const bucket = tokenBucket({ capacity: 3, perSecond: 2 }, () => clock.now);
    expect([1, 2, 3, 4].map(() => bucket.take(1).ok)).toEqual([true, true, true, false]);
    expect(bucket.take(1)).toEqual({ ok: false, waitMs: 500 });
    clock.now += 500;
    expect(bucket.take(1).ok).toBe(true);
    clock.now += 60_000;
    expect(bucket.take(3).ok).toBe(true);
    expect(bucket.take(1).ok).toBe(false);
  });
});

describe('rateLimited', () => {
  it('counts a drop by its files, and refuses without calling the handler', () => {
    let calls = 0;
    const handlers = rateLimited(
      {
        importBundles: () => {
          calls += 1;
          return { outcomes: [] };
        },
      } as unknown as Handlers,
      () => 0,
    );
    const paths = Array.from({ length: 100 }, (_, i) => `/d/${i}.evbundle`);
    const context = { origin: 'app://desk' };
    const { capacity } = AUDITED_CHANNEL_LIMITS.importBundles;
    for (let i = 0; i < capacity / paths.length; i++) {
      void handlers.importBundles({ source: 'drop', paths }, context);
    }
    expect(() =>
      handlers.importBundles({ source: 'drop', paths: ['/d/x.evbundle'] }, context),
    ).toThrow(/^Too many importBundles requests/);
    expect(calls).toBe(capacity / paths.length);
  });
});
