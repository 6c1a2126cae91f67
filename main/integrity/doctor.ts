/**
 * `desk doctor`: a read-only check of a workstation's data directory against what it can
 * prove (docs/security.md, "A database edited by hand"). Nothing is repaired or changed:
 * the database is opened read-only and every finding is a sentence for the investigator.
 */
import path from 'node:path';
import {
  expectedSchemaObjects,
  openIntegrityReader,
  SchemaVersionMismatch,
  type IntegrityReader,
} from '../../db';
import { DeskError } from '../../common/errors';
import { createEvidenceStore } from '../evidence';
import { runWorker, WorkerFailure } from '../workers';
import { DATABASE_FILE, EVIDENCE_DIR, isWorkstationDir } from '../workspace';
import {
  checkAuditIds,
  checkIdentities,
  checkRoster,
  checkSchema,
  checkTaskReferences,
  type CheckResult,
} from './checks';
import { checkEvidence } from './evidence-check';
import type { RederiveRequest } from './rederive.worker';
import rederiveWorker from './rederive.worker?modulePath';

export interface DoctorReport {
  readonly dataDir: string;
  readonly checks: readonly CheckResult[];
  /** True when no check found anything. */
  readonly ok: boolean;
}

/** The import worker's budget (main/bundles), so whatever could be imported can be re-read. */
const REDERIVE_LIMITS = {
  maxOldGenerationSizeMb: 1024,
  maxYoungGenerationSizeMb: 64,
  stackSizeMb: 4,
};

export async function examineWorkstation(dataDir: string): Promise<DoctorReport> {
  const dir = path.resolve(dataDir);
  if (!isWorkstationDir(dir)) {
    throw new DeskError('NOT_INITIALISED', `${dir} is not a Designation Desk workstation.`);
  }
  const dbFile = path.join(dir, DATABASE_FILE);
  const evidenceDir = path.join(dir, EVIDENCE_DIR);
  const store = createEvidenceStore(dir, evidenceDir);
  const reader = openReader(dbFile);
  const checks: CheckResult[] = [];
  try {
    const roster = checkRoster(reader);
    checks.push(
      roster,
      checkIdentities(reader, roster.roster),
      checkSchema(reader, expectedSchemaObjects()),
      checkAuditIds(reader),
      checkTaskReferences(reader, roster.history),
      await checkEvidence(reader, store),
    );
  } finally {
    reader.close();
  }
  const request: RederiveRequest = { dbFile, dataDir: dir, evidenceDir };
  checks.push(await rederive(request));
  return {
    dataDir: dir,
    checks: checks.map(({ name, summary, findings }) => ({ name, summary, findings })),
    ok: checks.every((c) => c.findings.length === 0),
  };
}

function openReader(dbFile: string): IntegrityReader {
  try {
    return openIntegrityReader(dbFile);
  } catch (error) {
    if (error instanceof SchemaVersionMismatch)
      throw new DeskError('INVALID_ARGUMENT', `${error.message} Nothing was checked or changed.`);
    throw error;
  }
}

async function rederive(request: RederiveRequest): Promise<CheckResult> {
  try {
    return await runWorker<CheckResult>(rederiveWorker, request, {
      name: 'desk-doctor-worker',
      resourceLimits: REDERIVE_LIMITS,
    });
  } catch (error) {
    if (!(error instanceof WorkerFailure)) throw error;
    return {
      name: 'derived rows',
      summary: '',
      findings: [`The logs could not be re-read to check their rows: ${error.message}.`],
    };
  }
}
