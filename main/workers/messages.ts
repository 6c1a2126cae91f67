/** What the runner and a worker's task say to each other over the worker's port. */

/** Runner → worker: stop as soon as you can (the task sees its AbortSignal fire). */
export interface CancelMessage {
  readonly type: 'cancel';
}

/** Worker → runner. */
export type WorkerMessage<Answer, Event> =
  | { readonly type: 'event'; readonly event: Event }
  | { readonly type: 'answer'; readonly answer: Answer }
  | { readonly type: 'cancelled' }
  | { readonly type: 'failed'; readonly message: string };
