/**
 * TanStack Query over the bridge: a query is keyed by [channel, request]; a refused call
 * is a DeskCallError; a mutation names the channels whose answers it changes.
 */
import {
  QueryClient,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type Query,
} from '@tanstack/react-query';
import type { PageChannel, RequestOf, ResponseOf } from '../../../common/ipc';
import { callDesk } from './desk';
import type { DeskCallError } from './desk-call-error';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: DeskCallError;
    /** session: the answer depends on who is unlocked (reset when that changes). */
    queryMeta: { readonly session?: boolean };
  }
}

export type DeskQueryKey<C extends PageChannel> = readonly [C, RequestOf<C>];

/** Query options for one channel and request. */
export function deskQuery<C extends PageChannel>(
  channel: C,
  request: RequestOf<C>,
  { session = false }: { readonly session?: boolean } = {},
) {
  return queryOptions<ResponseOf<C>, DeskCallError, ResponseOf<C>, DeskQueryKey<C>>({
    queryKey: [channel, request],
    queryFn: () => callDesk(channel, request),
    meta: { session },
  });
}

export function useDeskQuery<C extends PageChannel>(
  channel: C,
  request: RequestOf<C>,
  { enabled = true, ...options }: { readonly session?: boolean; readonly enabled?: boolean } = {},
) {
  return useQuery({ ...deskQuery(channel, request, options), enabled });
}

/** A call that changes state in main; on success, every query of `invalidates` is refetched. */
export function useDeskMutation<C extends PageChannel>(
  channel: C,
  { invalidates }: { readonly invalidates: readonly PageChannel[] },
) {
  const client = useQueryClient();
  return useMutation<ResponseOf<C>, DeskCallError, RequestOf<C>>({
    mutationFn: (request) => callDesk(channel, request),
    onSuccess: () => invalidateChannels(client, invalidates),
  });
}

export async function invalidateChannels(
  client: QueryClient,
  channels: readonly PageChannel[],
): Promise<void> {
  await Promise.all(channels.map((c) => client.invalidateQueries({ queryKey: [c] })));
}

export function needsSession(query: Query): boolean {
  return query.meta?.session === true;
}

export function createDeskQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refused call is an answer (locked, not found, invalid), never a transient failure.
        retry: false,
        // Data changes only through this app's own calls, which invalidate what they change.
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        // There is no network: the bridge is always "online".
        networkMode: 'always',
      },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
