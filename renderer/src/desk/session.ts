/**
 * The unlocked session as the renderer sees it. getSession is polled so an idle lock in
 * main shows here too (polling is not activity there). What depends on the session is
 * reset when its identity changes (unlock, lock, idle lock) and only then: a poll that
 * returns the same session changes nothing, so no view remounts and no draft is lost.
 */
import { useCallback, useState } from 'react';
import { hashKey, useQuery, type QueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '../../../common/ipc';
import { deskQuery, invalidateChannels, needsSession } from './queries';

export const SESSION_POLL_MS = 15_000;

type SessionAnswer = ResponseOf<'getSession'>;
export type Session = NonNullable<SessionAnswer['session']>;
/** A string per unlocked session, null when locked, undefined until first known. */
export type SessionIdentity = string | null | undefined;

const SESSION_QUERY = deskQuery('getSession', {});
const SESSION_HASH = hashKey(SESSION_QUERY.queryKey);

/** A new unlock is a new session, even of the same key. */
export function sessionIdentity(answer: SessionAnswer | undefined): SessionIdentity {
  if (answer === undefined) return undefined;
  return answer.session ? `${answer.session.keyid} ${answer.session.unlockedAt}` : null;
}

export function useSession() {
  return useQuery({
    ...SESSION_QUERY,
    refetchInterval: SESSION_POLL_MS,
    // An idle lock must show even while the window is in the background.
    refetchIntervalInBackground: true,
  });
}

export function useSessionIdentity(): SessionIdentity {
  return sessionIdentity(useSession().data);
}

/** Drops every answer that depends on who is unlocked, and refetches the audit log. */
export async function resetSessionQueries(client: QueryClient): Promise<void> {
  await client.resetQueries({ predicate: needsSession });
  await invalidateChannels(client, ['listAuditEvents']);
}

/** Watches getSession answers and resets session queries when the identity changes. */
export function watchSessionIdentity(client: QueryClient): () => void {
  let known = sessionIdentity(client.getQueryData(SESSION_QUERY.queryKey));
  return client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    if (event.query.queryHash !== SESSION_HASH) return;
    const next = sessionIdentity(event.query.state.data as SessionAnswer | undefined);
    if (next === known) return;
    const firstAnswer = known === undefined;
    known = next;
    if (!firstAnswer) void resetSessionQueries(client);
  });
}

/**
 * Local state that belongs to the session (an editor holding classified values): it goes
 * back to `initial` when the session's identity changes, and survives every poll.
 */
export function useSessionState<T>(initial: T): readonly [T, (next: T) => void] {
  const identity = useSessionIdentity();
  const [state, setState] = useState({ identity, value: initial });
  const set = useCallback(
    (value: T) => {
      setState({ identity, value });
    },
    [identity],
  );
  if (state.identity !== identity) {
    // Adjusting state while rendering: React re-renders before anything is painted.
    setState({ identity, value: initial });
    return [initial, set];
  }
  return [state.value, set];
}
