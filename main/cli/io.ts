/** Where a CLI run writes; injected so tests capture it and the entry point uses the process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes (docs/cli.md). */
export const EXIT = {
  ok: 0,
  /** Verification failed, input rejected, or the operation was refused. */
  rejected: 1,
  /** The command line itself was wrong. */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage mistake: the command line was wrong, nothing was attempted. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
