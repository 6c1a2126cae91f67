/**
 * Long writes as a series of short transactions. An import's rows take seconds to write
 * (mostly the full-text index); in one transaction they would hold SQLite's single write
 * lock that long, and every other write (the main process's audit events) would wait. Here
 * each transaction runs steps for at most SLICE_MS, commits, and lets the thread's event
 * loop turn (a cancel message, progress) before the next.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DeskDatabase } from '../../db';

/** Work per transaction: what another connection's write may wait behind one slice. */
export const SLICE_MS = 20;

/** Runs every step of `steps`, a transaction a slice, yielding to the event loop between. */
export async function writeInSlices(
  db: DeskDatabase,
  steps: Iterator<unknown>,
  signal?: AbortSignal,
): Promise<void> {
  const slices = sliced(db, steps);
  while (!slices.next().done) {
    await nextTurn();
    signal?.throwIfAborted();
  }
}

/** The same without yielding: for start-up recovery, before anything else runs. */
export function writeInSlicesNow(db: DeskDatabase, steps: Iterator<unknown>): void {
  const slices = sliced(db, steps);
  while (!slices.next().done);
}

function* sliced(db: DeskDatabase, steps: Iterator<unknown>): Generator<void, void> {
  for (;;) {
    const finished = db.transaction(() => {
      const started = performance.now();
      for (;;) {
        if (steps.next().done) return true;
        if (performance.now() - started >= SLICE_MS) return false;
      }
    });
    if (finished) return;
    yield;
  }
}
