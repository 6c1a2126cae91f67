import os from 'node:os';
import { describe, expect, it } from 'vitest';
import probe from '../../tests/support/probe.worker?modulePath';
import type { ProbeAnswer, ProbeRequest } from '../../tests/support/probe.worker';
import { runWorker, WORKER_NICE, WorkerFailure, type WorkerFailureKind } from '.';

const LIMITS = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 };

function run(
  request: ProbeRequest,
  options: {
    signal?: AbortSignal;
    onEvent?: (n: number) => void;
    cancelGraceMs?: number;
    transfer?: ArrayBuffer[];
  } = {},
) {
  return runWorker<ProbeAnswer, number>(probe, request, {
    name: 'probe',
    resourceLimits: LIMITS,
    ...options,
  });
}

async function failureOf(
  promise: Promise<unknown>,
): Promise<{ kind: WorkerFailureKind; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WorkerFailure) return { kind: error.kind, message: error.message };
    throw error;
  }
  throw new Error('the worker answered');
}

describe('runWorker', () => {
  it('answers, forwards events in order, and moves transferred buffers both ways', async () => {
    const secret = Uint8Array.from([1, 2, 3, 4]);
    const events: number[] = [];
    const answer = await run(
      { act: 'echo', bytes: secret, events: 5 },
      { transfer: [secret.buffer], onEvent: (n) => events.push(n) },
    );
    expect(events).toEqual([0, 1, 2, 3, 4]);
    expect(answer.received).toBe(4);
    expect([...answer.bytes]).toEqual([1, 2, 3, 4]);
    // Moved, not copied: nothing is left in the caller's array.
    expect(secret.byteLength).toBe(0);
  });

  it.runIf(process.platform === 'linux')(
    'runs the worker at a lower priority than the calling thread, which keeps its own',
    async () => {
      const mine = os.getPriority();
      const answer = await run({ act: 'echo', bytes: new Uint8Array(1), events: 0 });
      expect(answer.priority).toBe(Math.max(mine, WORKER_NICE));
      expect(os.getPriority()).toBe(mine);
    },
  );

  it('cancels a task that honours its signal', async () => {
    const controller = new AbortController();
    const result = run(
      { act: 'wait-for-cancel' },
      {
        signal: controller.signal,
        onEvent: () => {
          controller.abort();
        },
      },
    );
    expect(await failureOf(result)).toEqual({ kind: 'cancelled', message: 'it was cancelled' });
  });

  it('terminates a task that ignores cancellation once the grace period is over', async () => {
    const controller = new AbortController();
    const result = run(
      { act: 'ignore-cancel' },
      {
        signal: controller.signal,
        cancelGraceMs: 50,
        onEvent: () => {
          controller.abort();
        },
      },
    );
    expect(await failureOf(result)).toEqual({ kind: 'cancelled', message: 'it was stopped' });
  });

  it('does not start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(
      await failureOf(run({ act: 'throw', message: 'x' }, { signal: controller.signal })),
    ).toEqual({
      kind: 'cancelled',
      message: 'it was cancelled before it started',
    });
  });

  it.each<[string, ProbeRequest, { kind: WorkerFailureKind; message: string }]>([
    [
      'a task that throws',
      { act: 'throw', message: 'the log is unreadable' },
      { kind: 'failed', message: 'the log is unreadable' },
    ],
    [
      'a worker that exits',
      { act: 'exit', code: 3 },
      { kind: 'crashed', message: 'it exited with code 3' },
    ],
    [
      'an error thrown outside the task',
      { act: 'uncaught' },
      { kind: 'crashed', message: 'it failed unexpectedly' },
    ],
    [
      'a worker past its memory limit',
      { act: 'exhaust-memory' },
      { kind: 'out-of-memory', message: 'it ran out of memory' },
    ],
  ])('turns %s into a typed failure', async (_what, request, expected) => {
    expect(await failureOf(run(request))).toEqual(expected);
  });

  it("stops the worker when the caller's event listener throws, and reports that error", async () => {
    const result = run(
      { act: 'ignore-cancel' },
      {
        onEvent: () => {
          throw new Error('listener broke');
        },
      },
    );
    await expect(result).rejects.toThrow('listener broke');
  });
});
