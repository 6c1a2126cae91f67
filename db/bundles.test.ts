import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addBundle, addLog } from '../tests/support/synthetic-samples';
import { useTempDirs } from '../tests/support/temp-dir';
import { openDatabase, type DeskDatabase } from '.';

describe('bundle statements: imports that are not complete', () => {
  const tempDir = useTempDirs();

  function bundleWithOneSample(db: DeskDatabase, digest: string): number {
    const modelId = db.bundles.upsertModel('Acme AI', 'frontier-1', '2026-10');
    const bundleId = addBundle(db, modelId, digest);
    db.bundles.insertEntry(bundleId, 'logs/a.eval', 'a'.repeat(64), 10);
    const logId = addLog(db, bundleId, 'logs/a.eval');
    const sampleId = db.bundles.insertSample({
      logId,
      sampleId: '1',
      epoch: 1,
      input: 'in',
      target: 'flag',
      error: null,
      limitHit: null,
      limitType: null,
      metadata: null,
      messageCount: 2,
      messageStarts: '[0,12]',
      errorRetries: 0,
      invalidation: null,
      inputTokens: 1,
      outputTokens: 1,
      totalTokens: 2,
      totalTime: null,
      workingTime: null,
    });
    db.bundles.insertScore(sampleId, 'includes', '"C"', 1, null, null);
    db.bundles.indexTranscript(sampleId, 'the flag was found');
    return bundleId;
  }

  function open(): DeskDatabase {
    const db = openDatabase(path.join(tempDir(), 'desk.sqlite3'));
    db.roster.insert({ version: 1, document: '{}', digest: 'd', envelope: null, installedAt: 'x' });
    return db;
  }

  /** Row counts as another connection sees them, index included. */
  function counts(db: DeskDatabase): Record<string, number> {
    const raw = new Database(db.file, { readonly: true });
    try {
      const tables = ['model', 'bundle', 'bundle_entry', 'eval_log', 'sample', 'sample_score'];
      return Object.fromEntries(
        [...tables, 'transcript_fts'].map((t) => [
          t,
          (raw.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
        ]),
      );
    } finally {
      raw.close();
    }
  }

  it('hides an importing bundle from every read until it is completed', () => {
    const db = open();
    const id = bundleWithOneSample(db, 'pending');
    expect(db.bundles.list()).toEqual([]);
    expect(db.models.list()).toEqual([]);
    expect(db.models.idOf('Acme AI', 'frontier-1', '2026-10')).toBeUndefined();
    expect(db.bundles.findByDigest('pending')).toEqual({ id, importState: 'importing' });
    expect(db.bundles.pendingIds()).toEqual([id]);

    expect(db.bundles.completeImport(id, '2026-11-02T00:00:00.000Z', '["all checks"]')).toBe(true);
    expect(db.bundles.list()).toMatchObject([
      { id, importedAt: '2026-11-02T00:00:00.000Z', verification: '["all checks"]' },
    ]);
    expect(db.models.list()).toMatchObject([{ bundleCount: 1 }]);
    expect(db.bundles.pendingIds()).toEqual([]);
    // Only once.
    expect(db.bundles.completeImport(id, '2026-11-03T00:00:00.000Z', '[]')).toBe(false);
    db.close();
  });

  it('refuses a second bundle row with the same digest', () => {
    const db = open();
    bundleWithOneSample(db, 'same');
    expect(() => bundleWithOneSample(db, 'same')).toThrow('duplicate digest');
    db.close();
  });

  it('discards an importing bundle step by step, full-text rows and an unused model included, and never a complete one', () => {
    const db = open();
    const complete = bundleWithOneSample(db, 'complete');
    db.bundles.completeImport(complete, '2026-11-02T00:00:00.000Z', '[]');
    const pending = bundleWithOneSample(db, 'pending');

    const one = {
      model: 1,
      bundle: 1,
      bundle_entry: 1,
      eval_log: 1,
      sample: 1,
      sample_score: 1,
      transcript_fts: 1,
    };
    expect(counts(db)).toEqual({
      ...one,
      bundle: 2,
      bundle_entry: 2,
      eval_log: 2,
      sample: 2,
      sample_score: 2,
      transcript_fts: 2,
    });

    expect(db.bundles.discardStep(complete)).toBe(false);
    let steps = 0;
    while (db.bundles.discardStep(pending)) steps += 1;
    expect(steps).toBe(1);
    expect(db.bundles.findByDigest('pending')).toBeUndefined();
    expect(db.bundles.entryDigestsOf(pending)).toEqual([]);
    // The complete bundle, its rows, its index row and the shared model are all still there.
    expect(counts(db)).toEqual(one);
    expect(db.bundles.list()).toMatchObject([{ id: complete, sampleCount: 1 }]);
    expect(db.bundles.isEvidenceReferenced('a'.repeat(64))).toBe(true);
    db.close();

    // With nothing else using it, the model goes with the discarded bundle.
    const other = open();
    const alone = bundleWithOneSample(other, 'alone');
    while (other.bundles.discardStep(alone));
    expect(Object.values(counts(other))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(other.bundles.isEvidenceReferenced('a'.repeat(64))).toBe(false);
    other.close();
  });
});
