/**
 * Undoing an import that did not complete (rejected after writing, cancelled, its worker
 * crashed): its rows go in short transactions, then the evidence files it brought that no
 * other bundle references. The bundle was never visible, so this leaves exactly what a
 * rejection leaves. Used by the worker, by the main process when the worker could not, and
 * by start-up recovery.
 */
import type { DeskDatabase } from '../../db';
import type { EvidenceStore } from '../evidence';
import { writeInSlices, writeInSlicesNow } from './slices';

export async function discardImport(
  db: DeskDatabase,
  store: EvidenceStore,
  bundleId: number,
): Promise<void> {
  const files = db.bundles.entryDigestsOf(bundleId);
  await writeInSlices(db, discardSteps(db, bundleId));
  for (const sha256 of files) if (!db.bundles.isEvidenceReferenced(sha256)) store.evict(sha256);
}

/** Start-up recovery: the rows of every bundle a crash left importing (files are collected after). */
export function discardPendingNow(db: DeskDatabase): number {
  const pending = db.bundles.pendingIds();
  for (const bundleId of pending) writeInSlicesNow(db, discardSteps(db, bundleId));
  return pending.length;
}

function* discardSteps(db: DeskDatabase, bundleId: number): Generator<void> {
  while (db.bundles.discardStep(bundleId)) yield;
}
