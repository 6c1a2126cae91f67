/**
 * The IPC contract: every channel the renderer may call, with the zod schemas of its
 * request and response. The preload API, the router's validation and the renderer's
 * types are all derived from this one object; there is no second list.
 *
 * Responses are strict objects: a field a handler adds without declaring it here is an
 * internal error, never a silent leak into the renderer.
 */
import { z } from 'zod';
import { CLASSIFICATION_LEVELS } from '../classification';
import { EvaluationSchema } from '../evaluation/outcome';
import { ThresholdSetSchema } from '../thresholds/document';
import { ERROR_CODES } from '../errors';

const NoArguments = z.strictObject({});

const ClassificationMarking = z.strictObject({
  marking: z.string(),
  level: z.enum(CLASSIFICATION_LEVELS),
  controls: z.array(z.string()).readonly(),
});

const WorkstationStatus = z.strictObject({
  classification: ClassificationMarking,
  initialisedAt: z.iso.datetime(),
  initialisedByVersion: z.string(),
  appVersion: z.string(),
});

const AuditEvent = z.strictObject({
  seq: z.number().int().positive(),
  recordedAt: z.iso.datetime(),
  kind: z.string(),
  actor: z.string().nullable(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()).readonly(),
});

export const AUDIT_PAGE_MAX = 200;

const Check = z.strictObject({
  id: z.string(),
  label: z.string(),
  status: z.enum(['pass', 'fail', 'warn', 'not-run']),
  detail: z.string(),
});

const BundleSummary = z.strictObject({
  id: z.number().int(),
  digest: z.string(),
  fileName: z.string(),
  status: z.literal('verified'),
  model: z.strictObject({ developer: z.string(), name: z.string(), version: z.string() }),
  evaluator: z.strictObject({ id: z.string(), name: z.string() }),
  suite: z.strictObject({ name: z.string(), version: z.string().nullable() }),
  runStartedOn: z.string(),
  runFinishedOn: z.string(),
  importedAt: z.string(),
  signedBy: z.array(z.string()).readonly(),
  sampleCount: z.number().int(),
  logs: z
    .array(
      z.strictObject({
        path: z.string(),
        task: z.string(),
        model: z.string(),
        status: z.string(),
        headerSource: z.string(),
        samples: z.number().int(),
        totalSamples: z.number().int().nullable(),
        completedSamples: z.number().int().nullable(),
        metrics: z
          .array(
            z.strictObject({
              scorer: z.string(),
              metric: z.string(),
              claimed: z.number().nullable(),
              recomputed: z.number().nullable(),
              n: z.number().int(),
              status: z.string(),
              note: z.string().nullable(),
            }),
          )
          .readonly(),
      }),
    )
    .readonly(),
  results: z
    .array(
      z.strictObject({
        benchmark: z.string(),
        metric: z.string(),
        value: z.number(),
        stderr: z.number().nullable(),
        logValue: z.number().nullable(),
        status: z.string(),
      }),
    )
    .readonly(),
  checks: z.array(Check).readonly(),
});

const RejectedImport = z.strictObject({
  recordedAt: z.string(),
  file: z.string(),
  digest: z.string().nullable(),
  check: z.string().nullable(),
  reason: z.string(),
});

const ImportOutcome = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('imported'),
    file: z.string(),
    message: z.string(),
    checks: z.array(Check).readonly(),
  }),
  z.strictObject({ status: z.literal('already-imported'), file: z.string(), message: z.string() }),
  z.strictObject({
    status: z.literal('rejected'),
    file: z.string(),
    message: z.string(),
    checks: z.array(Check).readonly(),
  }),
]);

const RosterView = z.strictObject({
  version: z.number().int(),
  digest: z.string(),
  installedAt: z.string(),
  thresholds: z.record(z.string(), z.number().int()),
  keys: z
    .array(
      z.strictObject({
        name: z.string(),
        keyid: z.string(),
        roles: z.array(z.string()).readonly(),
      }),
    )
    .readonly(),
});

const Identity = z.strictObject({
  name: z.string(),
  keyid: z.string(),
  roles: z.array(z.string()).readonly(),
});

const Session = z.strictObject({
  name: z.string(),
  keyid: z.string(),
  roles: z.array(z.string()).readonly(),
  unlockedAt: z.string(),
});

const ModelRef = z.strictObject({
  developer: z.string().min(1).max(500),
  name: z.string().min(1).max(500),
  version: z.string().min(1).max(500),
});

const ThresholdSetMeta = z.strictObject({
  id: z.string(),
  version: z.number().int(),
  author: z.strictObject({ keyid: z.string(), name: z.string().nullable() }),
  createdAt: z.string(),
  recipients: z.array(z.string()).readonly(),
  commitment: z.string(),
});

/** Longest path accepted from the renderer (dropped files). */
const MAX_PATH = 4096;

export const contract = {
  getWorkstationStatus: {
    request: NoArguments,
    response: WorkstationStatus,
  },
  listAuditEvents: {
    request: z.strictObject({
      limit: z.number().int().min(1).max(AUDIT_PAGE_MAX),
      /** Page backwards from this sequence number (exclusive); null for the newest. */
      beforeSeq: z.number().int().positive().nullable(),
    }),
    response: z.strictObject({
      events: z.array(AuditEvent).readonly(),
      total: z.number().int().nonnegative(),
    }),
  },
  listBundles: {
    request: NoArguments,
    response: z.strictObject({
      bundles: z.array(BundleSummary).readonly(),
      rejected: z.array(RejectedImport).readonly(),
    }),
  },
  importBundles: {
    /** From the file dialog main opens, or paths of files dropped on the window. */
    request: z.discriminatedUnion('source', [
      z.strictObject({ source: z.literal('dialog') }),
      z.strictObject({
        source: z.literal('drop'),
        paths: z
          .array(
            z
              .string()
              .min(1)
              .max(MAX_PATH)
              .regex(/\.evbundle$/i, 'must be a .evbundle file'),
          )
          .min(1)
          .max(100),
      }),
    ]),
    response: z.strictObject({ outcomes: z.array(ImportOutcome).readonly() }),
  },
  getTrustRoster: {
    request: NoArguments,
    response: z.strictObject({ roster: RosterView.nullable() }),
  },
  listIdentities: {
    request: NoArguments,
    response: z.strictObject({ identities: z.array(Identity).readonly() }),
  },
  /** Not activity: polling it does not postpone the idle lock. */
  getSession: {
    request: NoArguments,
    response: z.strictObject({ session: Session.nullable(), idleLockMinutes: z.number() }),
  },
  unlock: {
    request: z.strictObject({
      keyid: z.string().regex(/^[0-9a-f]{64}$/, 'must be a key id'),
      passphrase: z.string().min(1).max(1024),
    }),
    response: z.strictObject({ session: Session }),
  },
  lock: {
    request: NoArguments,
    response: z.strictObject({ session: z.null() }),
  },
  listModels: {
    request: NoArguments,
    response: z.strictObject({
      models: z
        .array(ModelRef.extend({ bundleCount: z.number().int(), latestRun: z.string() }))
        .readonly(),
    }),
  },
  /** Metadata only: ids, versions, authors, recipients, commitments. Never values. */
  listThresholdSets: {
    request: NoArguments,
    response: z.strictObject({ sets: z.array(ThresholdSetMeta).readonly() }),
  },
  /** Values: only for an unlocked user the set is granted to. */
  openThresholdSet: {
    request: z.strictObject({ id: z.string().min(1).max(64) }),
    response: z.strictObject({ meta: ThresholdSetMeta, document: ThresholdSetSchema }),
  },
  /** A new version, signed by the unlocked authority, readable by it and `grantTo`. */
  saveThresholdSet: {
    request: z.strictObject({
      document: z.unknown(),
      grantTo: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(100),
    }),
    response: z.strictObject({ meta: ThresholdSetMeta }),
  },
  /** Lets one more reader open the latest version (the unlocked authority must be able to). */
  grantThresholdReader: {
    request: z.strictObject({
      id: z.string().min(1).max(64),
      keyid: z.string().regex(/^[0-9a-f]{64}$/),
    }),
    response: z.strictObject({ meta: ThresholdSetMeta }),
  },
  /** Takes a reader's access away from every version; re-keys the latest as a new version. */
  revokeThresholdReader: {
    request: z.strictObject({
      id: z.string().min(1).max(64),
      keyid: z.string().regex(/^[0-9a-f]{64}$/),
    }),
    response: z.strictObject({ meta: ThresholdSetMeta }),
  },
  /** The model against a threshold set, or why it cannot be shown (values stay masked). */
  evaluateModel: {
    request: z.strictObject({ model: ModelRef, setId: z.string().min(1).max(64).nullable() }),
    response: z.discriminatedUnion('state', [
      z.strictObject({ state: z.literal('locked') }),
      z.strictObject({ state: z.literal('no-threshold-set') }),
      z.strictObject({ state: z.literal('not-granted'), setId: z.string() }),
      z.strictObject({
        state: z.literal('evaluated'),
        commitment: z.string(),
        evaluation: EvaluationSchema,
      }),
    ]),
  },
} as const;

/** Events main pushes to the renderer, with their payload schemas. */
export const events = {
  importProgress: z.strictObject({
    file: z.string(),
    phase: z.string(),
    done: z.number().nonnegative(),
    total: z.number().nonnegative(),
  }),
} as const;

export type DeskEvent = keyof typeof events;
export type EventPayload<E extends DeskEvent> = z.output<(typeof events)[E]>;
export const EVENTS = Object.keys(events) as DeskEvent[];

/** The Electron IPC channel name for a pushed event. */
export function ipcEventName(event: DeskEvent): string {
  return `desk-event:${event}`;
}

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

export const IpcError = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string(),
});
export type IpcError = z.infer<typeof IpcError>;

/** What crosses the bridge: a value, never a thrown exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The API the preload installs as `window.desk`: one method per channel, and `on` for events. */
export type DeskApi = {
  readonly [C in Channel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
} & {
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  readonly on: <E extends DeskEvent>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
  /**
   * The file-system path of a file dropped on the window (Electron's webUtils, in the
   * preload; no IPC). Empty when the file has none. Pages never see paths otherwise.
   */
  readonly pathForFile: (file: File) => string;
};

export const CHANNELS = Object.keys(contract) as Channel[];

/** The Electron IPC channel name for a contract channel. */
export function ipcChannelName(channel: Channel): string {
  return `desk:${channel}`;
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}
