import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../../tests/support/temp-dir';
import { DeskError } from '../../common/errors';
import { initWorkspace, type Workspace } from '../workspace';
import { CHANNELS } from '../../common/ipc';
import { createHandlers } from './handlers';
import { createRouter, type Handlers } from './router';

const context = { origin: 'app://desk' };
const noShell = { chooseBundleFiles: () => Promise.resolve([]), emit: () => undefined };

describe('router over a real workspace', () => {
  const tempDir = useTempDirs();
  let workspace: Workspace;

  beforeEach(() => {
    workspace = initWorkspace({
      dataDir: path.join(tempDir(), 'data'),
      classification: 'SECRET//NOFORN',
      now: () => new Date('2026-11-22T12:00:00.000Z'),
    });
  });
  afterEach(() => {
    workspace.close();
  });

  it('answers getWorkstationStatus with the marking from the database', async () => {
    const dispatch = createRouter(createHandlers(workspace.services, noShell), () => undefined);
    const result = await dispatch('getWorkstationStatus', {}, context);
    expect(result).toMatchObject({
      ok: true,
      value: {
        classification: { marking: 'SECRET//NOFORN', level: 'SECRET', controls: ['NOFORN'] },
        initialisedAt: '2026-11-22T12:00:00.000Z',
      },
    });
  });

  it('pages the audit log newest first', async () => {
    const dispatch = createRouter(createHandlers(workspace.services, noShell), () => undefined);
    const result = await dispatch('listAuditEvents', { limit: 10, beforeSeq: null }, context);
    expect(result).toEqual({
      ok: true,
      value: {
        total: 1,
        events: [
          {
            seq: 1,
            recordedAt: '2026-11-22T12:00:00.000Z',
            kind: 'workstation.initialised',
            actor: null,
            summary: 'Workstation initialised with classification SECRET//NOFORN.',
            details: { appVersion: expect.any(String) as string, classification: 'SECRET//NOFORN' },
          },
        ],
      },
    });
    const older = await dispatch('listAuditEvents', { limit: 10, beforeSeq: 1 }, context);
    expect(older).toEqual({ ok: true, value: { total: 1, events: [] } });
  });
});

describe('router validation', () => {
  function spyHandlers(): Handlers & Record<string, ReturnType<typeof vi.fn>> {
    return Object.fromEntries(
      CHANNELS.map((channel) => [channel, vi.fn(() => ({}))]),
    ) as unknown as Handlers & Record<string, ReturnType<typeof vi.fn>>;
  }

  it.each([
    [
      'listAuditEvents',
      { limit: 0, beforeSeq: null },
      /: the request's limit must be at least 1\./,
    ],
    [
      'listAuditEvents',
      { limit: 10_000, beforeSeq: null },
      /the request's limit must be at most 200\./,
    ],
    [
      'listAuditEvents',
      { limit: 1.5, beforeSeq: null },
      /the request's limit must be a whole number/,
    ],
    ['listAuditEvents', { limit: 10 }, /the request's beforeSeq is missing/],
    ['listAuditEvents', { limit: '10', beforeSeq: null }, /the request's limit must be a number/],
    [
      'listAuditEvents',
      { limit: 10, beforeSeq: null, sql: 'DROP TABLE' },
      /has an unexpected field "sql"/,
    ],
    [
      'getWorkstationStatus',
      { __proto__: { polluted: true }, extra: 1 },
      /unexpected fields "extra"/,
    ],
    ['getWorkstationStatus', null, /the request must be a JSON object/],
    ['getWorkstationStatus', 'x', /the request must be a JSON object/],
  ])('rejects %s(%j) before any handler runs', async (channel, args, message) => {
    const handlers = spyHandlers();
    const dispatch = createRouter(handlers, () => undefined);
    const result = await dispatch(channel, args, context);
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) as string },
    });
    if (!result.ok) expect(result.error.message).toMatch(/Nothing was changed\.$/);
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it.each(['nope', '__proto__', 'constructor', 'toString', 42, null])(
    'rejects the unknown channel %j',
    async (channel) => {
      const handlers = spyHandlers();
      const result = await createRouter(handlers, () => undefined)(channel, {}, context);
      expect(result).toEqual({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: expect.any(String) as string },
      });
    },
  );

  it('passes a DeskError through as its code and sentence', async () => {
    const handlers = {
      ...spyHandlers(),
      getWorkstationStatus: () => {
        throw new DeskError('NOT_INITIALISED', 'Not a workstation.');
      },
    };
    const result = await createRouter(handlers, () => undefined)(
      'getWorkstationStatus',
      {},
      context,
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'NOT_INITIALISED', message: 'Not a workstation.' },
    });
  });

  it('hides an internal error from the caller and logs it on the main side', async () => {
    const log = vi.fn();
    const secret = new Error('/home/reviewer/secret-path: SQLITE_CORRUPT');
    const handlers = {
      ...spyHandlers(),
      getWorkstationStatus: () => {
        throw secret;
      },
    };
    const result = await createRouter(handlers, log)('getWorkstationStatus', {}, context);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('secret-path');
    expect(result).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(log).toHaveBeenCalledWith('getWorkstationStatus', secret);
  });

  it('refuses to send a field the contract does not declare (no silent leaks)', async () => {
    const log = vi.fn();
    const handlers = {
      ...spyHandlers(),
      listAuditEvents: () => ({ events: [], total: 0, dataKey: 'c2VjcmV0' }),
    };
    const result = await createRouter(handlers, log)(
      'listAuditEvents',
      { limit: 1, beforeSeq: null },
      context,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('c2VjcmV0');
    expect(log).toHaveBeenCalledOnce();
  });
});
