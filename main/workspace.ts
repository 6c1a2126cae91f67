/**
 * The composition root: opens a workstation's data directory and wires the services
 * over it. The Electron shell, the `desk` CLI and the tests all start here, so they
 * see one and the same application.
 *
 * Data directory layout (docs/operations.md):
 *   desk.sqlite3 (+ -wal, -shm)  the database
 *   evidence/                    content-addressed evidence store
 *   staging/                     imports in progress (leftovers removed at start-up)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DeskDatabase } from '../db';
import { createAuditLog, type AuditLog } from './audit';
import { createBundleService, type BundleService, type ImportWorkerOptions } from './bundles';
import { coreDumpStatus, refuseUnlockIfCoreDumpsPossible, type CoreDumpStatus } from './core-dumps';
import { InvalidMarkingError, parseMarking } from '../common/classification';
import { DeskError } from '../common/errors';
import { createEvaluationService, taskTimesFrom, type EvaluationService } from './evaluation';
import { createEvidenceStore, STAGING_DIR } from './evidence';
import { createIdentityService, type IdentityService } from './identities';
import { createSampleService, type SampleService } from './samples';
import { createSearchService, type SearchService } from './search';
import { createTaskReferenceService, type TaskReferenceService } from './tasks';
import { createReviewService, type ReviewService } from './review';
import { createThresholdService, type ThresholdService } from './thresholds';
import { createTrustService, type TrustService } from './trust';
import { APP_VERSION, PRODUCT_NAME } from './version';
import { createWorkstationService, type WorkstationService } from './workstation';

export const DATABASE_FILE = 'desk.sqlite3';
export const EVIDENCE_DIR = 'evidence';

export interface Services {
  readonly workstation: WorkstationService;
  readonly audit: AuditLog;
  readonly trust: TrustService;
  readonly bundles: BundleService;
  readonly evaluation: EvaluationService;
  readonly samples: SampleService;
  readonly search: SearchService;
  readonly identities: IdentityService;
  readonly thresholds: ThresholdService;
  /** Quarantines and accepted benchmark mappings. */
  readonly review: ReviewService;
  /** Signed human expert times per task, for time horizons. */
  readonly tasks: TaskReferenceService;
}

export interface Workspace {
  readonly dataDir: string;
  readonly services: Services;
  close(): void;
}

export interface WorkspaceOptions {
  readonly dataDir: string;
  /** Injected so tests can fix time. */
  readonly now?: () => Date;
  /** Session settings: idle time before auto-lock, and the unlock back-off (tests shorten them). */
  readonly session?: {
    readonly idleLockMs?: number;
    readonly firstDelayMs?: number;
    readonly sleep?: (ms: number) => Promise<void>;
  };
  /** The bundle worker's resource limits and cancellation grace (tests lower them). */
  readonly importWorker?: ImportWorkerOptions;
  /** Whether this process could dump core; read from /proc when the workspace opens. */
  readonly coreDumps?: CoreDumpStatus;
}

export interface InitOptions extends WorkspaceOptions {
  readonly classification: string;
}

/** Electron's default userData path for this app, so the CLI and the app agree. */
export function defaultDataDir(): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
  }
}

export function isWorkstationDir(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, DATABASE_FILE));
}

/** Creates a workstation in an empty or new directory. Nothing is left behind on failure. */
export function initWorkspace(options: InitOptions): Workspace {
  const dataDir = path.resolve(options.dataDir);
  const marking = parseMarkingOrExplain(options.classification);
  refuseUnlessEmpty(dataDir);

  const dirExisted = fs.existsSync(dataDir);
  const now = options.now ?? (() => new Date());
  let db: DeskDatabase | undefined;
  try {
    fs.mkdirSync(path.join(dataDir, EVIDENCE_DIR), { recursive: true, mode: 0o700 });
    fs.mkdirSync(path.join(dataDir, STAGING_DIR), { mode: 0o700 });
    fs.chmodSync(dataDir, 0o700);
    const dbFile = path.join(dataDir, DATABASE_FILE);
    // Owner-only from the first byte; SQLite gives its -wal and -shm files the same mode.
    fs.writeFileSync(dbFile, '', { mode: 0o600, flag: 'wx' });
    db = openDatabase(dbFile);
    const audit = createAuditLog(db, now);
    const openedDb = db;
    openedDb.transaction(() => {
      const createdAt = now().toISOString();
      openedDb.workstation.insert({
        classification: marking.marking,
        createdAt,
        createdByVersion: APP_VERSION,
      });
      audit.record({
        kind: 'workstation.initialised',
        actor: null,
        summary: `Workstation initialised with classification ${marking.marking}.`,
        details: { classification: marking.marking, appVersion: APP_VERSION },
      });
    });
    return assemble(dataDir, openedDb, now, options);
  } catch (error) {
    db?.close();
    removeCreated(dataDir, dirExisted);
    throw error;
  }
}

/** Identities whose unlock is refused, before any passphrase is tried, while core dumps are possible. */
function refusingUnlockWhile(
  coreDumps: CoreDumpStatus,
  identities: IdentityService,
): IdentityService {
  return {
    ...identities,
    unlock: async (...args) => {
      refuseUnlockIfCoreDumpsPossible(coreDumps);
      return await identities.unlock(...args);
    },
  };
}

/** Opens an existing workstation; refuses a directory that is not one. */
export function openWorkspace(options: WorkspaceOptions): Workspace {
  const dataDir = path.resolve(options.dataDir);
  if (!isWorkstationDir(dataDir)) {
    throw new DeskError(
      'NOT_INITIALISED',
      `${dataDir} is not a Designation Desk workstation; create one with "desk init --data ${dataDir} --classification MARKING".`,
    );
  }
  const db = openDatabase(path.join(dataDir, DATABASE_FILE), { mustExist: true });
  let workspace: Workspace;
  try {
    // Refuses a tampered roster (main/trust) before anything below changes the directory.
    workspace = assemble(dataDir, db, options.now ?? (() => new Date()), options);
  } catch (error) {
    db.close();
    throw error;
  }
  // An import interrupted by a crash leaves a bundle still importing, staged files and
  // unreferenced store files: remove them (unless another process's import is running).
  workspace.services.bundles.recover();
  return workspace;
}

function assemble(
  dataDir: string,
  db: DeskDatabase,
  now: () => Date,
  { session = {}, importWorker, coreDumps = coreDumpStatus() }: WorkspaceOptions,
): Workspace {
  const audit = createAuditLog(db, now);
  const trust = createTrustService(db, audit, now);
  const store = createEvidenceStore(dataDir, path.join(dataDir, EVIDENCE_DIR));
  const thresholds = createThresholdService({ db, trust, audit, now });
  const tasks = createTaskReferenceService({ db, trust, audit, now });
  return {
    dataDir,
    services: {
      workstation: createWorkstationService(db, APP_VERSION),
      audit,
      trust,
      bundles: createBundleService({
        db,
        store,
        trust,
        audit,
        now,
        ...(importWorker ? { worker: importWorker } : {}),
      }),
      evaluation: createEvaluationService(db, thresholds, trust, taskTimesFrom(tasks)),
      samples: createSampleService({ db, store, audit }),
      search: createSearchService(db),
      identities: refusingUnlockWhile(
        coreDumps,
        createIdentityService({ db, trust, audit, now, ...session }),
      ),
      thresholds,
      review: createReviewService({ db, trust, audit, now }),
      tasks,
    },
    close: () => {
      db.close();
    },
  };
}

function parseMarkingOrExplain(classification: string): ReturnType<typeof parseMarking> {
  try {
    return parseMarking(classification);
  } catch (error) {
    if (error instanceof InvalidMarkingError) {
      throw new DeskError('INVALID_MARKING', `${error.message} Nothing was changed.`);
    }
    throw error;
  }
}

function refuseUnlessEmpty(dataDir: string): void {
  if (!fs.existsSync(dataDir)) return;
  if (!fs.statSync(dataDir).isDirectory()) {
    throw new DeskError(
      'FOREIGN_DIRECTORY',
      `${dataDir} exists and is not a directory; nothing was changed.`,
    );
  }
  if (isWorkstationDir(dataDir)) {
    throw new DeskError(
      'ALREADY_INITIALISED',
      `${dataDir} is already a Designation Desk workstation; nothing was changed.`,
    );
  }
  if (fs.readdirSync(dataDir).length > 0) {
    throw new DeskError(
      'FOREIGN_DIRECTORY',
      `${dataDir} is not empty and is not a Designation Desk workstation; choose an empty or new directory. Nothing was changed.`,
    );
  }
}

function removeCreated(dataDir: string, dirExisted: boolean): void {
  if (dirExisted) {
    // The directory was empty when we started: empty it again.
    for (const entry of fs.readdirSync(dataDir)) {
      fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    }
  } else {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
