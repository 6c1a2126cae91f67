/**
 * The worker side of `runWorker`: a `*.worker.ts` entry calls `serveTask` once with its
 * handler. The request arrives as the worker's data; the handler's AbortSignal fires when
 * the runner cancels; `emit` sends events (progress) back. Once the handler settles the
 * worker stops listening, so its thread ends and its memory goes with it.
 */
import { isMainThread, parentPort, workerData, type Transferable } from 'node:worker_threads';
import type { WorkerMessage } from './messages';

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
