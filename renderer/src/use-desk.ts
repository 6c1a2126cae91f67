import { useEffect, useState } from 'react';
import type { Channel, IpcError, RequestOf, ResponseOf } from '../../common/ipc';
import { callDesk } from './desk-client';

export type Loadable<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'failed'; readonly error: IpcError };

type Settled<T> = Exclude<Loadable<T>, { state: 'loading' }>;

/**
 * Calls a channel on mount and whenever the request changes by value, or `generation`
 * changes (bump it to reload after an action).
 */
export function useDesk<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
  generation = 0,
): Loadable<ResponseOf<C>> {
  // Requests are plain JSON values; their text is a stable dependency for the effect.
  const requestJson = JSON.stringify(request);
  const requestKey = `${channel} ${requestJson} ${generation}`;
  const [settled, setSettled] = useState<{ key: string; result: Settled<ResponseOf<C>> }>();
  useEffect(() => {
    let current = true;
    void callDesk(channel, JSON.parse(requestJson) as RequestOf<C>).then((outcome) => {
      if (!current) return;
      setSettled({
        key: `${channel} ${requestJson} ${generation}`,
        result: outcome.ok
          ? { state: 'ready', value: outcome.value }
          : { state: 'failed', error: outcome.error },
      });
    });
    return () => {
      current = false;
    };
  }, [channel, requestJson, generation]);
  // A result for an earlier request is stale: show loading until the new one settles.
  return settled?.key === requestKey ? settled.result : { state: 'loading' };
}
