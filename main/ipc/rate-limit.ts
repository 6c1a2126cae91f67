/**
 * Rate limits on what the renderer can make main write to the audit log. The log is
 * append-only, so a compromised renderer calling in a loop could bury the events that
 * matter under thousands of its own (2,000 in half a second, before these limits). Each
 * channel that can write an audit event has a token bucket: a burst of `capacity`, refilled
 * at `perSecond`. A refused call does nothing and writes nothing.
 */
import { DeskError } from '../../common/errors';
import type { Channel, RequestOf } from '../../common/ipc';
import type { Handlers } from './router';

export interface BucketSize {
  readonly capacity: number;
  readonly perSecond: number;
}

/** Generous for a person at the keyboard; tight for a loop. */
export const AUDITED_CHANNEL_LIMITS = {
  unlock: { capacity: 10, perSecond: 0.5 },
  lock: { capacity: 10, perSecond: 1 },
  // Counted per file: one call may carry up to 100 dropped bundles, each audited.
  importBundles: { capacity: 200, perSecond: 20 },
  saveThresholdSet: { capacity: 20, perSecond: 1 },
  grantThresholdReader: { capacity: 20, perSecond: 1 },
  revokeThresholdReader: { capacity: 20, perSecond: 1 },
  judgeBundle: { capacity: 20, perSecond: 1 },
} as const satisfies Partial<Record<Channel, BucketSize>>;

export interface TokenBucket {
  /** Takes `cost` tokens if there are that many; otherwise takes none and says how long to wait. */
  take(cost: number): { ok: true } | { ok: false; waitMs: number };
}

export function tokenBucket({ capacity, perSecond }: BucketSize, clock: () => number): TokenBucket {
  let tokens = capacity;
  let last = clock();
  return {
    take: (cost) => {
      const now = clock();
      tokens = Math.min(capacity, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens >= cost) {
        tokens -= cost;
        return { ok: true };
      }
      return { ok: false, waitMs: Math.ceil(((cost - tokens) / perSecond) * 1000) };
    },
  };
}

/** `handlers` with every audited channel behind its bucket; `clock` is milliseconds. */
export function rateLimited(handlers: Handlers, clock: () => number): Handlers {
  const limited: Record<string, unknown> = { ...handlers };
  for (const [channel, size] of Object.entries(AUDITED_CHANNEL_LIMITS)) {
    const bucket = tokenBucket(size, clock);
    const handler = handlers[channel as Channel] as (
      request: unknown,
      ...rest: unknown[]
    ) => unknown;
    limited[channel] = (request: unknown, ...rest: unknown[]) => {
      const taken = bucket.take(costOf(channel as Channel, request));
      if (!taken.ok) {
        const seconds = Math.max(1, Math.ceil(taken.waitMs / 1000));
        throw new DeskError(
          'RATE_LIMITED',
          `Too many ${channel} requests in a short time; wait ${seconds} s and try again. Nothing was changed.`,
        );
      }
      return handler(request, ...rest);
    };
  }
  return limited as Handlers;
}

function costOf(channel: Channel, request: unknown): number {
  if (channel !== 'importBundles') return 1;
  const files = request as RequestOf<'importBundles'>;
  return files.source === 'drop' ? files.paths.length : 1;
}
