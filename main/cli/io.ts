import { printable, printableJson } from '../../common/text';

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

/**
 * What may reach a terminal. A bundle's file and entry names, a log's fields and anything
 * else from outside can hold ESC, CR, BEL or bidi controls that rewrite what a reviewer
 * sees; every write is escaped with printable(), keeping only the line breaks between
 * lines. A JSON line stays JSON (escaped as JSON). Sentences that embed outside text
 * escape it whole (line breaks too) with printable() where they are composed.
 */
export function terminalText(text: string): string {
  const line = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (isJsonLine(line)) return printableJson(text.slice(0, line.length)) + text.slice(line.length);
  return text.split('\n').map(printable).join('\n');
}

function isJsonLine(line: string): boolean {
  if (!/^[[{]/.test(line) || line.includes('\n')) return false;
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/** `io` with every write passed through terminalText. */
export function escapingIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => {
      io.stdout(terminalText(text));
    },
    stderr: (text) => {
      io.stderr(terminalText(text));
    },
  };
}

/**
 * The process's streams. A reader that goes away early (`desk roster show | head -1`)
 * makes the next write fail with EPIPE: the rest of that stream's output is dropped and
 * the command finishes its work quietly, rather than dying mid-operation with a stack trace.
 */
export function processStreams(): Pick<CliIo, 'stdout' | 'stderr'> {
  return { stdout: closableWriter(process.stdout), stderr: closableWriter(process.stderr) };
}

function closableWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}
