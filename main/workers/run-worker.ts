/**
 * Runs one task in its own worker_threads Worker, so heavy work (an import, Argon2id)
 * never blocks the calling thread's event loop. Plain Node: the same code runs under the
 * CLI, the tests and Electron's main process. Entries are `*.worker.ts` files, imported as
 * `import entry from './x.worker?modulePath'` (bundled as their own file by electron-vite,
 * and by tests/support/module-path-plugin.ts for Vitest); the entry calls `serveTask`.
 *
 * The promise settles once the worker has exited, so nothing it held (a database
 * connection, secrets in its heap) outlives the answer. One exception: a worker whose I/O
 * thread is stuck in the kernel (a read from a hung network or FUSE mount, which not even
 * SIGKILL interrupts) cannot exit, and terminate() waits for it too. A worker that has
 * answered, or been terminated, and has not exited `exitGraceMs` later is abandoned: its
 * answer stands, it is unref'ed, and it goes when the kernel lets its read return. Every way a worker can end without
 * answering (cancelled, out of memory, crashed, its task threw) is a typed WorkerFailure,
 * never an unhandled error.
 */
import { Worker, type ResourceLimits, type Transferable } from 'node:worker_threads';
import type { CancelMessage, WorkerMessage } from './messages';

export type WorkerFailureKind = 'cancelled' | 'out-of-memory' | 'crashed' | 'failed';

export class WorkerFailure extends Error {
  override readonly name = 'WorkerFailure';
  constructor(
    readonly kind: WorkerFailureKind,
    /** Why, as the end of a sentence: "it ran out of memory". No detail of the task's data. */
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface RunWorkerOptions<Event> {
  /** Aborting asks the worker to stop; one that has not stopped after the grace period is terminated. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: Event) => void;
  /** Buffers in the request that move to the worker instead of being copied (secrets). */
  readonly transfer?: readonly Transferable[];
  /** Every worker states its budget; exhausting it ends the worker alone, as "out-of-memory". */
  readonly resourceLimits: ResourceLimits;
  /** How long a cancelled worker may take to clean up before it is terminated. */
  readonly cancelGraceMs?: number;
  /** How long a worker that answered (or was terminated) may take to exit before it is abandoned. */
  readonly exitGraceMs?: number;
  /** The thread's name, for profiles and debuggers. */
  readonly name: string;
}

const DEFAULT_CANCEL_GRACE_MS = 10_000;
const DEFAULT_EXIT_GRACE_MS = 5_000;

type Settlement<Answer> =
  { readonly ok: true; readonly answer: Answer } | { readonly ok: false; readonly error: Error };

/**
 * The answer of the worker `entry` to `request` (its workerData: structured-cloned, so
 * plain data, typed arrays and errors cross, functions and class instances do not).
 */
export function runWorker<Answer, Event = never>(
  entry: string,
  request: unknown,
  options: RunWorkerOptions<Event>,
): Promise<Answer> {
  const { signal } = options;
  return new Promise<Answer>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new WorkerFailure('cancelled', 'it was cancelled before it started'));
      return;
    }
    const worker = new Worker(entry, {
      name: options.name,
      workerData: request,
      transferList: [...(options.transfer ?? [])],
      resourceLimits: options.resourceLimits,
    });
    // The first word wins: an answer, or the first sign of failure.
    let settlement: Settlement<Answer> | undefined;
    let cancelling = false;
    let finished = false;
    const timers: NodeJS.Timeout[] = [];
    const later = (ms: number, run: () => void) => {
      timers.push(setTimeout(run, ms));
    };
    const exitGraceMs = options.exitGraceMs ?? DEFAULT_EXIT_GRACE_MS;
    const finish = (settled: Settlement<Answer>) => {
      if (finished) return;
      finished = true;
      for (const timer of timers) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (settled.ok) resolve(settled.answer);
      else reject(settled.error);
    };
    /** A worker that should be gone and is not: stuck in the kernel (see the file comment). */
    const abandonAfterGrace = () => {
      later(exitGraceMs, () => {
        worker.unref();
        void worker.terminate().catch(() => undefined);
        finish(settlement ?? failure('cancelled', 'it was stopped'));
      });
    };
    const settle = (value: Settlement<Answer>) => {
      if (settlement !== undefined) return;
      settlement = value;
      abandonAfterGrace();
    };
    const fail = (kind: WorkerFailureKind, message: string, cause?: unknown) => {
      settle(failure(kind, message, cause));
    };
    const terminate = () => {
      void worker.terminate().catch(() => undefined);
      abandonAfterGrace();
    };

    const onAbort = () => {
      cancelling = true;
      worker.postMessage({ type: 'cancel' } satisfies CancelMessage);
      later(options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS, terminate);
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: WorkerMessage<Answer, Event>) => {
      switch (message.type) {
        case 'event':
          try {
            options.onEvent?.(message.event);
          } catch (error) {
            // The caller's listener failed: that is its error to see, and the work stops.
            settle({ ok: false, error: error instanceof Error ? error : new Error(String(error)) });
            terminate();
          }
          return;
        case 'answer':
          settle({ ok: true, answer: message.answer });
          return;
        case 'cancelled':
          fail('cancelled', 'it was cancelled');
          return;
        case 'failed':
          fail('failed', message.message);
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
        fail('out-of-memory', 'it ran out of memory', error);
      else fail('crashed', 'it failed unexpectedly', error);
    });
    worker.on('exit', (code) => {
      finish(
        settlement ??
          (cancelling
            ? failure('cancelled', 'it was stopped')
            : failure('crashed', `it exited with code ${code}`)),
      );
    });
  });
}

function failure(kind: WorkerFailureKind, message: string, cause?: unknown): Settlement<never> {
  return { ok: false, error: new WorkerFailure(kind, message, { cause }) };
}
