import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, test } from 'vitest';
import type { ResponseOf } from '../../../common/ipc';
import { createDeskQueryClient, deskQuery } from './queries';
import { useSessionState, watchSessionIdentity } from './session';

type SessionAnswer = ResponseOf<'getSession'>;

const KEY = 'a'.repeat(64);
const alex = (unlockedAt: string): SessionAnswer => ({
  session: { name: 'Alex Authority', keyid: KEY, roles: ['authority'], unlockedAt },
  idleLockMinutes: 10,
});
const LOCKED: SessionAnswer = { session: null, idleLockMinutes: 10 };
const SESSION = deskQuery('getSession', {});
const EVALUATION = deskQuery(
  'evaluateModel',
  { model: { developer: 'Acme AI', name: 'frontier-1', version: '2026-10' }, setId: null },
  { session: true },
);
const BUNDLES = deskQuery('listBundles', {});

describe('watchSessionIdentity', () => {
  function cacheWithAnswers() {
    const client = createDeskQueryClient();
    const cache = client.getQueryCache();
    cache.build(client, { queryKey: EVALUATION.queryKey, meta: { session: true } });
    cache.build(client, { queryKey: BUNDLES.queryKey, meta: { session: false } });
    client.setQueryData(SESSION.queryKey, alex('2026-11-22T09:30:00.000Z'));
    watchSessionIdentity(client);
    client.setQueryData(EVALUATION.queryKey, { state: 'no-threshold-set' });
    client.setQueryData(BUNDLES.queryKey, { bundles: [], rejected: [] });
    return client;
  }

  test('a poll that finds the same session keeps every answer', async () => {
    const client = cacheWithAnswers();
    client.setQueryData(SESSION.queryKey, alex('2026-11-22T09:30:00.000Z'));
    await Promise.resolve();
    expect(client.getQueryData(EVALUATION.queryKey)).toEqual({ state: 'no-threshold-set' });
  });

  test('a lock drops the answers that need a session, and only those', async () => {
    expect(EVALUATION.meta).toEqual({ session: true });
    expect(BUNDLES.meta).toEqual({ session: false });
    const client = cacheWithAnswers();
    client.setQueryData(SESSION.queryKey, LOCKED);
    await waitFor(() => {
      expect(client.getQueryData(EVALUATION.queryKey)).toBeUndefined();
    });
    expect(client.getQueryData(BUNDLES.queryKey)).toEqual({ bundles: [], rejected: [] });
  });

  test('a new unlock of the same key is a new session', async () => {
    const client = cacheWithAnswers();
    client.setQueryData(SESSION.queryKey, alex('2026-11-22T10:00:00.000Z'));
    await waitFor(() => {
      expect(client.getQueryData(EVALUATION.queryKey)).toBeUndefined();
    });
  });
});

describe('useSessionState', () => {
  let answer: SessionAnswer;
  beforeEach(() => {
    answer = alex('2026-11-22T09:30:00.000Z');
    // The preload's window.desk, reduced to the one call these components make.
    Object.defineProperty(window, 'desk', {
      configurable: true,
      value: { getSession: () => Promise.resolve({ ok: true, value: answer }) },
    });
  });

  function Draft() {
    const [draft, setDraft] = useSessionState('');
    return (
      <input
        aria-label="Draft"
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
        }}
      />
    );
  }

  test('keeps a draft across polls of the same session, without remounting, and drops it on lock', async () => {
    const user = userEvent.setup();
    const client = createDeskQueryClient();
    render(
      <QueryClientProvider client={client}>
        <Draft />
      </QueryClientProvider>,
    );
    await waitFor(() => {
      expect(client.getQueryData(SESSION.queryKey)).toEqual(answer);
    });
    const input = screen.getByRole('textbox', { name: 'Draft' });
    await user.type(input, 'half typed');

    for (let poll = 0; poll < 3; poll++) {
      await act(() => client.refetchQueries({ queryKey: SESSION.queryKey }));
    }
    // The cache notifies observers on a later task: let that pass before looking.
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(screen.getByRole('textbox', { name: 'Draft' })).toBe(input);
    expect(input).toHaveValue('half typed');

    answer = LOCKED;
    await act(() => client.refetchQueries({ queryKey: SESSION.queryKey }));
    await waitFor(() => {
      expect(screen.getByRole('textbox', { name: 'Draft' })).toHaveValue('');
    });
  });
});
