import type Database from 'better-sqlite3';

/** Who judged, as the roster knew them then. */
export interface JudgementRow {
  readonly byKeyid: string;
  readonly byName: string;
  readonly at: string;
  readonly reason: string;
}

export interface QuarantineRow extends JudgementRow {
  readonly bundleId: number;
}

/** A claimed result filed under a benchmark its log's Inspect task is not. */
export interface MappingRow {
  readonly bundleId: number;
  readonly logPath: string;
  readonly task: string;
  readonly benchmark: string;
}

export interface AcceptedMappingRow extends JudgementRow {
  readonly bundleId: number;
  readonly logPath: string;
  readonly benchmark: string;
}

/** A complete bundle, as a judgement names it. */
export interface JudgedBundleRow {
  readonly id: number;
  readonly fileName: string;
  readonly digest: string;
}

/** One Inspect model (`eval.model`) a complete bundle's logs were run on. */
export interface BundleInspectModelRow {
  readonly bundleId: number;
  readonly modelId: number;
  /** The keyids that signed the bundle (JSON array). */
  readonly signedBy: string;
  /** 1 when the bundle's statement names its Inspect models (model.inspectModels). */
  readonly signed: number;
  readonly inspectModel: string;
}

/** Quarantines and accepted benchmark mappings: written once, never changed (0006). */
export interface ReviewStatements {
  /** A complete bundle (one still importing cannot be judged). */
  bundle(bundleId: number): JudgedBundleRow | undefined;
  /** False if the bundle is quarantined already. */
  quarantine(row: QuarantineRow): boolean;
  quarantines(): QuarantineRow[];
  /** Every complete bundle's results whose benchmark is not their log's task, once each. */
  mappings(): MappingRow[];
  /** False if this mapping was accepted already. */
  acceptMapping(row: AcceptedMappingRow): boolean;
  acceptedMappings(): AcceptedMappingRow[];
  /** Every complete bundle with each distinct Inspect model of its logs. */
  inspectModels(): BundleInspectModelRow[];
}

export function reviewStatements(db: Database.Database): ReviewStatements {
  const bundle = db.prepare<[number], JudgedBundleRow>(
    `SELECT id, file_name AS fileName, digest FROM bundle WHERE id = ? AND import_state = 'complete'`,
  );
  const quarantine = db.prepare(
    `INSERT INTO bundle_quarantine (bundle_id, by_keyid, by_name, quarantined_at, reason)
     VALUES (@bundleId, @byKeyid, @byName, @at, @reason) ON CONFLICT DO NOTHING`,
  );
  const quarantines = db.prepare<[], QuarantineRow>(
    `SELECT bundle_id AS bundleId, by_keyid AS byKeyid, by_name AS byName, quarantined_at AS at, reason
       FROM bundle_quarantine ORDER BY bundle_id`,
  );
  const mappings = db.prepare<[], MappingRow>(
    `SELECT DISTINCT c.bundle_id AS bundleId, c.log_path AS logPath, l.task, c.benchmark
       FROM claimed_result c
       JOIN bundle b ON b.id = c.bundle_id AND b.import_state = 'complete'
       JOIN eval_log l ON l.bundle_id = c.bundle_id AND l.path = c.log_path
      WHERE c.benchmark <> l.task
      ORDER BY c.bundle_id, c.log_path, c.benchmark`,
  );
  const acceptMapping = db.prepare(
    `INSERT INTO accepted_mapping (bundle_id, log_path, benchmark, by_keyid, by_name, accepted_at, reason)
     VALUES (@bundleId, @logPath, @benchmark, @byKeyid, @byName, @at, @reason) ON CONFLICT DO NOTHING`,
  );
  const acceptedMappings = db.prepare<[], AcceptedMappingRow>(
    `SELECT bundle_id AS bundleId, log_path AS logPath, benchmark, by_keyid AS byKeyid, by_name AS byName,
            accepted_at AS at, reason
       FROM accepted_mapping ORDER BY bundle_id, log_path, benchmark`,
  );
  const inspectModels = db.prepare<[], BundleInspectModelRow>(
    `SELECT DISTINCT b.id AS bundleId, b.model_id AS modelId, b.signed_by AS signedBy,
            b.inspect_models IS NOT NULL AS signed, l.model AS inspectModel
       FROM bundle b JOIN eval_log l ON l.bundle_id = b.id
      WHERE b.import_state = 'complete'
      ORDER BY b.id, l.model`,
  );
  return {
    bundle: (bundleId) => bundle.get(bundleId),
    quarantine: (row) => quarantine.run(row).changes === 1,
    quarantines: () => quarantines.all(),
    mappings: () => mappings.all(),
    acceptMapping: (row) => acceptMapping.run(row).changes === 1,
    acceptedMappings: () => acceptedMappings.all(),
    inspectModels: () => inspectModels.all(),
  };
}
