/**
 * A worker entry for testing the runner (main/workers): it does what the request asks,
 * so each way a worker can end is exercised by a real thread.
 */
import os from 'node:os';
import { serveTask } from '../../main/workers';

export type ProbeRequest =
  | { readonly act: 'echo'; readonly bytes: Uint8Array; readonly events: number }
  | { readonly act: 'wait-for-cancel' }
  | { readonly act: 'ignore-cancel' }
  | { readonly act: 'throw'; readonly message: string }
  | { readonly act: 'exit'; readonly code: number }
  | { readonly act: 'uncaught' }
  | { readonly act: 'exhaust-memory' };

export interface ProbeAnswer {
  readonly received: number;
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** This thread's scheduling priority (nice value). */
  readonly priority: number;
}

serveTask<ProbeAnswer, number>(
  async (request: ProbeRequest, { signal, emit }) => {
    switch (request.act) {
      case 'echo': {
        for (let i = 0; i < request.events; i++) emit(i);
        const bytes = Uint8Array.from(request.bytes);
        request.bytes.fill(0);
        return { received: bytes.length, bytes, priority: os.getPriority() };
      }
      case 'wait-for-cancel':
        emit(0);
        await new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            reject(new Error('stopped on request'));
          });
        });
        break;
      case 'ignore-cancel':
        emit(0);
        // Keeps the thread busy with timers and never looks at the signal.
        await new Promise(() => setInterval(() => undefined, 1000));
        break;
      case 'throw':
        throw new Error(request.message);
      case 'exit':
        process.exit(request.code);
        break;
      case 'uncaught':
        setTimeout(() => {
          throw new Error('thrown outside the task');
        });
        await new Promise(() => setInterval(() => undefined, 1000));
        break;
      case 'exhaust-memory': {
        const hoard: number[][] = [];
        for (;;) hoard.push(new Array<number>(100_000).fill(hoard.length));
      }
    }
    throw new Error('unreachable');
  },
  { transfer: (answer) => [answer.bytes.buffer] },
);
