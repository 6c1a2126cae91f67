/**
 * The router: a pure dispatch table from (channel, args, context) to a Result.
 * Arguments are validated by the channel's schema before any handler runs, and the
 * handler's value is validated on the way out. It knows nothing of Electron: the shell,
 * the browser test bridge and unit tests call it alike.
 */
import type { z } from 'zod';
import { DeskError } from '../../common/errors';
import {
  contract,
  isChannel,
  type Channel,
  type IpcError,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../../common/ipc';
import { firstIssuePhrase } from '../schema-sentence';

export interface RouterContext {
  /** The verified origin of the calling frame, for the log. */
  readonly origin: string;
}

export type Handlers = {
  readonly [C in Channel]: (
    request: z.output<(typeof contract)[C]['request']>,
    context: RouterContext,
  ) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

export type Dispatch = (
  channel: unknown,
  args: unknown,
  context: RouterContext,
) => Promise<Result<unknown>>;

export type InternalErrorLog = (channel: string, error: unknown) => void;

export function createRouter(handlers: Handlers, logInternalError: InternalErrorLog): Dispatch {
  return async (channel, args, context) => {
    if (!isChannel(channel)) {
      return failure('UNKNOWN_CHANNEL', 'The app asked for an operation that does not exist.');
    }
    const parsed = contract[channel].request.safeParse(args);
    if (!parsed.success) {
      return failure('INVALID_ARGUMENT', describeIssues(channel, parsed.error, args));
    }
    try {
      const value = await invoke(handlers, channel, parsed.data as RequestOf<Channel>, context);
      return { ok: true, value: contract[channel].response.parse(value) };
    } catch (error) {
      if (error instanceof DeskError) return failure(error.code, error.message);
      logInternalError(channel, error);
      return failure(
        'INTERNAL',
        'Something went wrong inside Designation Desk; nothing was changed. The details are in the application log.',
      );
    }
  };
}

function invoke<C extends Channel>(
  handlers: Handlers,
  channel: C,
  request: RequestOf<C>,
  context: RouterContext,
): unknown {
  const handler = handlers[channel] as (r: RequestOf<C>, c: RouterContext) => unknown;
  return handler(request, context);
}

function failure(code: IpcError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function describeIssues(channel: Channel, error: z.ZodError, args: unknown): string {
  return `Invalid arguments for ${channel}: ${firstIssuePhrase('the request', error, args)}. Nothing was changed.`;
}
