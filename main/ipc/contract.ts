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
} as const;

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

/** The API the preload installs as `window.desk`, one method per channel. */
export type DeskApi = {
  readonly [C in Channel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
};

export const CHANNELS = Object.keys(contract) as Channel[];

/** The Electron IPC channel name for a contract channel. */
export function ipcChannelName(channel: Channel): string {
  return `desk:${channel}`;
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}
