/**
 * The IPC contract: every channel the renderer may call, with the zod schemas of its
 * request and response. The preload API, the router's validation and the renderer's
 * types are all derived from this one object; there is no second list.
 *
 * Response shapes are the view schemas of the common layer, which the services build;
 * they are strict objects, so a field a handler adds without declaring it is an internal
 * error, never a silent leak into the renderer.
 */
import { z } from 'zod';
import { AUDIT_PAGE_MAX, AuditFilterSchema, AuditPageSchema } from '../audit';
import {
  BundleSummarySchema,
  ImportOutcomeViewSchema,
  ImportProgressSchema,
  RejectedImportSchema,
} from '../bundles';
import { CompareRequestSchema, VersionComparisonSchema } from '../comparison';
import { ERROR_CODES } from '../errors';
import { ModelEvaluationSchema } from '../evaluation';
import { IdentitySchema, SessionSchema } from '../identities';
import { SamplePageRequestSchema, SamplePageViewSchema } from '../samples';
import { MetricNameSchema, ModelRefSchema, ModelSummarySchema } from '../models';
import { ThresholdSetMetaSchema, ThresholdSetSchema } from '../thresholds';
import { SampleKeySchema, SampleViewSchema } from '../transcripts';
import { TranscriptSearchRequestSchema, TranscriptSearchViewSchema } from '../search';
import { KeyIdSchema, RosterViewSchema } from '../trust';
import { WorkstationStatusSchema } from '../workstation';

const NoArguments = z.strictObject({});
const SetId = z.string().min(1).max(64);
/** Why a reviewer or an authority judged a bundle (the service refuses control characters). */
const Reason = z.string().min(1).max(1000);

/** Longest path accepted from the renderer (dropped files). */
const MAX_PATH = 4096;

export const contract = {
  getWorkstationStatus: {
    request: NoArguments,
    response: WorkstationStatusSchema,
  },
  listAuditEvents: {
    request: z.strictObject({
      limit: z.number().int().min(1).max(AUDIT_PAGE_MAX),
      /** Page backwards from this sequence number (exclusive); null for the newest. */
      beforeSeq: z.number().int().positive().nullable(),
      /** Absent: every event. */
      filter: AuditFilterSchema.optional(),
    }),
    response: AuditPageSchema,
  },
  listBundles: {
    request: NoArguments,
    response: z.strictObject({
      bundles: z.array(BundleSummarySchema).readonly(),
      rejected: z.array(RejectedImportSchema).readonly(),
    }),
  },
  /**
   * Called by the preload only, never by the page (it is not on `window.desk`): the paths
   * of files the user dropped on the window, as the preload read them with webUtils from
   * the dropped File objects. Main records them; importBundles takes no other path.
   */
  registerDrop: {
    request: z.strictObject({
      paths: z.array(z.string().min(1).max(MAX_PATH)).min(1).max(100),
    }),
    response: z.strictObject({ registered: z.number().int().nonnegative() }),
  },
  importBundles: {
    /**
     * From the file dialog main opens, or files dropped on the window: only paths the
     * preload registered from a drop (registerDrop) are accepted, each once.
     */
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
    response: z.strictObject({ outcomes: z.array(ImportOutcomeViewSchema).readonly() }),
  },
  /**
   * A judgement on an imported bundle, audited and for good: the unlocked authority
   * quarantines it, or the unlocked reviewer accepts a benchmark mapping it claims.
   */
  judgeBundle: {
    request: z.discriminatedUnion('action', [
      z.strictObject({
        action: z.literal('quarantine'),
        bundleId: z.number().int().positive(),
        reason: Reason,
      }),
      z.strictObject({
        action: z.literal('accept-mapping'),
        bundleId: z.number().int().positive(),
        logPath: z.string().min(1).max(500),
        benchmark: z.string().min(1).max(500),
        reason: Reason,
      }),
    ]),
    response: z.strictObject({ message: z.string() }),
  },
  /** Stops the import in progress (and the rest of its batch); it leaves what a rejection leaves. */
  cancelImport: {
    request: NoArguments,
    response: z.strictObject({ cancelling: z.boolean() }),
  },
  getTrustRoster: {
    request: NoArguments,
    response: z.strictObject({ roster: RosterViewSchema.nullable() }),
  },
  listIdentities: {
    request: NoArguments,
    response: z.strictObject({ identities: z.array(IdentitySchema).readonly() }),
  },
  /** Not activity: polling it does not postpone the idle lock. */
  getSession: {
    request: NoArguments,
    response: z.strictObject({ session: SessionSchema.nullable(), idleLockMinutes: z.number() }),
  },
  unlock: {
    request: z.strictObject({ keyid: KeyIdSchema, passphrase: z.string().min(1).max(1024) }),
    response: z.strictObject({ session: SessionSchema }),
  },
  lock: {
    request: NoArguments,
    response: z.strictObject({ session: z.null() }),
  },
  listModels: {
    request: NoArguments,
    response: z.strictObject({ models: z.array(ModelSummarySchema).readonly() }),
  },
  /** Metadata only: ids, versions, authors, recipients, commitments. Never values. */
  listThresholdSets: {
    request: NoArguments,
    response: z.strictObject({ sets: z.array(ThresholdSetMetaSchema).readonly() }),
  },
  /** Values: only for an unlocked user the set is granted to. */
  openThresholdSet: {
    request: z.strictObject({ id: SetId }),
    response: z.strictObject({ meta: ThresholdSetMetaSchema, document: ThresholdSetSchema }),
  },
  /** A new version, signed by the unlocked authority, readable by it and `grantTo`. */
  saveThresholdSet: {
    request: z.strictObject({
      document: z.unknown(),
      grantTo: z.array(KeyIdSchema).max(100),
    }),
    response: z.strictObject({ meta: ThresholdSetMetaSchema }),
  },
  /** Lets one more reader open the latest version (the unlocked authority must be able to). */
  grantThresholdReader: {
    request: z.strictObject({ id: SetId, keyid: KeyIdSchema }),
    response: z.strictObject({ meta: ThresholdSetMetaSchema }),
  },
  /** Takes a reader's access away from every version; re-keys the latest as a new version. */
  revokeThresholdReader: {
    request: z.strictObject({ id: SetId, keyid: KeyIdSchema }),
    response: z.strictObject({ meta: ThresholdSetMetaSchema }),
  },
  /** The model against a threshold set, or why it cannot be shown (values stay masked). */
  evaluateModel: {
    request: z.strictObject({ model: ModelRefSchema, setId: SetId.nullable() }),
    response: ModelEvaluationSchema,
  },
  listSamples: {
    request: SamplePageRequestSchema,
    response: SamplePageViewSchema,
  },
  /** Transcripts holding every word of a text, best first, across every imported log. */
  searchTranscripts: {
    request: TranscriptSearchRequestSchema,
    response: TranscriptSearchViewSchema,
  },
  /** The benchmarks, scorers and metrics of the imported evidence, for the threshold editor. */
  listMetricNames: {
    request: NoArguments,
    response: z.strictObject({ metrics: z.array(MetricNameSchema).readonly() }),
  },
  /** Two model versions side by side: per benchmark, metrics, differences, flipped tasks. */
  compareVersions: {
    request: CompareRequestSchema,
    response: VersionComparisonSchema,
  },
  /** One sample whole (messages, events, scores…), read from its stored log; audited. */
  openSample: {
    request: SampleKeySchema,
    response: SampleViewSchema,
  },
} as const;

/** Events main pushes to the renderer, with their payload schemas. */
export const events = {
  importProgress: ImportProgressSchema,
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

/** Channels only the preload calls: the page cannot name them. */
export const PRELOAD_CHANNELS = ['registerDrop'] as const satisfies readonly Channel[];
export type PageChannel = Exclude<Channel, (typeof PRELOAD_CHANNELS)[number]>;

/** The API the preload installs as `window.desk`: one method per page channel, and `on` for events. */
export type DeskApi = {
  readonly [C in PageChannel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
} & {
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  readonly on: <E extends DeskEvent>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
  /**
   * The file-system paths of files dropped on the window (Electron's webUtils, in the
   * preload), registered with main so importBundles accepts them. Files without a path
   * (made by the page, not dropped) are left out.
   */
  readonly registerDroppedFiles: (
    files: readonly File[],
  ) => Promise<Result<{ readonly paths: readonly string[] }>>;
};

export const CHANNELS = Object.keys(contract) as Channel[];
export const PAGE_CHANNELS = CHANNELS.filter(
  (channel): channel is PageChannel => !(PRELOAD_CHANNELS as readonly string[]).includes(channel),
);

/** The Electron IPC channel name for a contract channel. */
export function ipcChannelName(channel: Channel): string {
  return `desk:${channel}`;
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}
