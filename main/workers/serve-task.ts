/**
 * The worker side of `runWorker`: a `*.worker.ts` entry calls `serveTask` once with its
 * handler. The request arrives as the worker's data; the handler's AbortSignal fires when
 * the runner cancels; `emit` sends events (progress) back. Once the handler settles the
 * worker stops listening, so its thread ends and its memory goes with it.
 */
import os from 'node:os';
import { isMainThread, parentPort, workerData, type Transferable } from 'node:worker_threads';
import type { WorkerMessage } from './messages';

/**
 * A worker's nice value. The main thread serves the window and must win the CPU when both
 * want it (on two cores, a worker and V8's collector threads can take both); the worker's
 * work can wait a moment. On Linux a nice value belongs to a thread, so this lowers the
 * worker alone (never raising one that started lower); elsewhere it would lower the whole
 * process, so it is not set there.
 */
export const WORKER_NICE = 10;

export interface TaskContext<Event> {
  readonly signal: AbortSignal;
  readonly emit: (event: Event) => void;
}

export interface ServeOptions<Answer> {
  /** Buffers of the answer to move rather than copy (secrets: no copy stays behind). */
  readonly transfer?: (answer: Answer) => Transferable[];
}

/** `handler` states the request type it expects: the runner's request, as sent. */
export function serveTask<Answer, Event = never>(
  handler: (request: never, context: TaskContext<Event>) => Promise<Answer>,
  options: ServeOptions<Answer> = {},
): void {
  const port = parentPort;
  if (isMainThread || port === null) {
    throw new Error('serveTask() runs inside a worker started by runWorker().');
  }
  if (process.platform === 'linux') os.setPriority(Math.max(os.getPriority(), WORKER_NICE));
  const controller = new AbortController();
  // The runner sends one kind of message (CancelMessage): stop.
  const onMessage = () => {
    controller.abort();
  };
  port.on('message', onMessage);
  const post = (message: WorkerMessage<Answer, Event>, transfer?: Transferable[]) => {
    port.postMessage(message, transfer);
  };

  const finish = (answer: Answer) => {
    try {
      post({ type: 'answer', answer }, options.transfer?.(answer));
    } catch (error) {
      post({ type: 'failed', message: `its answer cannot be sent (${messageOf(error)})` });
    }
  };
  handler(workerData as never, {
    signal: controller.signal,
    emit: (event) => {
      post({ type: 'event', event });
    },
  })
    .then(finish, (error: unknown) => {
      post(
        controller.signal.aborted
          ? { type: 'cancelled' }
          : { type: 'failed', message: messageOf(error) },
      );
    })
    .finally(() => {
      port.off('message', onMessage);
    });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
