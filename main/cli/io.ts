/** Where a CLI run writes; injected so tests capture it and the entry point uses the process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * Calls `listener` on the first Ctrl-C (SIGINT) until the returned function is called;
   * a second Ctrl-C ends the process at once. Absent where there is no terminal to
   * interrupt (tests in-process).
   */
  readonly onInterrupt?: (listener: () => void) => () => void;
}

/** Exit codes (docs/cli.md). */
export const EXIT = {
  ok: 0,
  /** Verification failed, input rejected, or the operation was refused. */
  rejected: 1,
  /** The command line itself was wrong. */
  usage: 2,
  /** Stopped by Ctrl-C (128 + SIGINT's number, as shells report it). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage mistake: the command line was wrong, nothing was attempted. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
