/**
 * Whether an imported bundle still counts, read fresh at every listing and evaluation:
 * its quarantine, whether the keys that signed it are still lab keys enough for the
 * current roster's lab threshold, whether it says which Inspect models its model is when
 * that model's evidence was run on several, and its benchmark mappings with their acceptance. Also
 * the roster's names for those keys, which is the evaluator the bundle is shown under.
 */
import type { BundleInspectModelRow, DeskDatabase, MappingRow } from '../../db';
import type { BundleStanding, Judgement } from '../../common/bundles';
import type { TrustService } from '../trust';

export interface Standings {
  /** The standing of bundle `bundleId`, signed by the keys `signedBy` (keyids). */
  of(bundleId: number, signedBy: readonly string[]): BundleStanding;
  /** The roster's names for these keys (a removed key: its last name in the roster's history). */
  signerNames(signedBy: readonly string[]): string;
}

/** One snapshot of the judgements and the roster, for one listing or evaluation. */
export function readStandings(db: DeskDatabase, trust: TrustService): Standings {
  const quarantines = new Map(db.review.quarantines().map((q) => [q.bundleId, judgement(q)]));
  const accepted = new Map(
    db.review
      .acceptedMappings()
      .map((a) => [mappingKey(a.bundleId, a.logPath, a.benchmark), judgement(a)]),
  );
  const mappings = new Map<number, MappingRow[]>();
  for (const m of db.review.mappings())
    mappings.set(m.bundleId, [...(mappings.get(m.bundleId) ?? []), m]);
  const roster = trust.current();
  const labKeys = new Set(trust.keys('lab').map((k) => k.keyid));
  const labThreshold = roster === null ? Number.POSITIVE_INFINITY : trust.threshold('lab');
  const names = new Map<string, string>();
  // Oldest first, so each key ends with its latest name.
  for (const version of [...trust.history()].sort(
    (a, b) => a.document.version - b.document.version,
  )) {
    for (const key of version.document.keys) names.set(key.keyid, key.name);
  }

  const trusted = (signedBy: readonly string[]) =>
    new Set(signedBy.filter((k) => labKeys.has(k))).size >= labThreshold;
  const unsignedAmong = unsignedAmongInspectModels(
    db.review
      .inspectModels()
      .filter((row) => !quarantines.has(row.bundleId) && trusted(parseKeyids(row.signedBy))),
  );

  return {
    of: (bundleId, signedBy) => ({
      quarantine: quarantines.get(bundleId) ?? null,
      signersTrusted: trusted(signedBy),
      unsignedAmongInspectModels: unsignedAmong.get(bundleId) ?? null,
      mappings: (mappings.get(bundleId) ?? []).map(({ logPath, task, benchmark }) => ({
        logPath,
        task,
        benchmark,
        accepted: accepted.get(mappingKey(bundleId, logPath, benchmark)) ?? null,
      })),
    }),
    signerNames: (signedBy) =>
      signedBy.map((k) => names.get(k) ?? `key ${k.slice(0, 12)}…`).join(', '),
  };
}

/**
 * The bundles set apart because a model version's counted evidence was run on several
 * Inspect models and they do not sign which are the model (docs/evaluation.md): each with
 * those models. A bundle that signs its Inspect models was checked against them at import.
 */
function unsignedAmongInspectModels(
  rows: readonly BundleInspectModelRow[],
): Map<number, readonly string[]> {
  const byModel = new Map<number, BundleInspectModelRow[]>();
  for (const row of rows) byModel.set(row.modelId, [...(byModel.get(row.modelId) ?? []), row]);
  const setApart = new Map<number, readonly string[]>();
  for (const modelRows of byModel.values()) {
    const models = [...new Set(modelRows.map((r) => r.inspectModel))].sort();
    if (models.length < 2) continue;
    for (const row of modelRows) if (row.signed === 0) setApart.set(row.bundleId, models);
  }
  return setApart;
}

function parseKeyids(signedBy: string): string[] {
  return JSON.parse(signedBy) as string[];
}

function judgement(row: { byName: string; at: string; reason: string }): Judgement {
  return { by: row.byName, at: row.at, reason: row.reason };
}

function mappingKey(bundleId: number, logPath: string, benchmark: string): string {
  return JSON.stringify([bundleId, logPath, benchmark]);
}
