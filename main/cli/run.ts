import { DeskError } from '../../common/errors';
import { initCrypto } from '../crypto';
import { APP_VERSION } from '../version';
import { runBundle } from './commands/bundle';
import { runBundles } from './commands/bundles';
import { runDoctor } from './commands/doctor';
import { runEvaluate } from './commands/evaluate';
import { runHorizon } from './commands/horizon';
import { runImport } from './commands/import';
import { runInit } from './commands/init';
import { runKeygen } from './commands/keygen';
import { runRoster } from './commands/roster';
import { runSearch } from './commands/search';
import { runTasks } from './commands/tasks';
import { runThresholds } from './commands/thresholds';
import { runUser } from './commands/user';
import { printable } from '../../common/text';
import { EXIT, escapingIo, UsageError, type CliIo, type ExitCode } from './io';

const COMMANDS: Readonly<
  Record<string, (args: string[], io: CliIo) => ExitCode | Promise<ExitCode>>
> = {
  init: runInit,
  keygen: runKeygen,
  roster: runRoster,
  bundle: runBundle,
  import: runImport,
  bundles: runBundles,
  user: runUser,
  thresholds: runThresholds,
  tasks: runTasks,
  evaluate: runEvaluate,
  search: runSearch,
  horizon: runHorizon,
  doctor: runDoctor,
};

export const DESK_HELP = `Usage: desk <command> [options]

Designation Desk: offline review of signed AI cyber-capability benchmark results.

Commands:
  init      create a workstation data directory and pin its root keys
  keygen    create a key pair (public key file and sealed secret key file)
  roster    show or change the trust roster (signed by root keys)
  bundle    create a signed result bundle, or verify one without importing
  import    verify and import result bundles
  bundles   list imported bundles and rejected imports
  user      enrol people with their sealed key files; check a passphrase
  thresholds  import, list or show encrypted threshold sets
  tasks     import, list or show signed task references (human expert minutes per task)
  evaluate  set a model's evidence against a threshold set
  search    find the transcripts that hold some words, in every imported log
  horizon   METR time horizons (p50, p80) of the agents in a runs file, with intervals
  doctor    check a data directory for changes made outside the app (read-only)

"desk <command> --help" describes each command.

Options:
  --help, -h     show this help, or a command's help after the command
  --version      print the version

Exit codes: 0 success, 1 verification failed or refused, 2 usage error, 130 interrupted
(Ctrl-C).
`;

/** Runs one `desk` invocation and returns its exit code; never throws. Its output is escaped. */
export async function runDesk(argv: readonly string[], given: CliIo): Promise<ExitCode> {
  const io = escapingIo(given);
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(DESK_HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === '--version') {
      io.stdout(`${APP_VERSION}\n`);
      return EXIT.ok;
    }
    const run = COMMANDS[command];
    if (run === undefined) {
      throw new UsageError(`"${command}" is not a desk command; see "desk --help".`);
    }
    // Opening a data directory verifies the roster's signatures, synchronously.
    await initCrypto();
    return await run(rest, io);
  } catch (error) {
    return reportError(error, json, io);
  }
}

function reportError(error: unknown, json: boolean, io: CliIo): ExitCode {
  const classified = classify(error);
  const { code, exit } = classified;
  // One sentence, which may quote a file or entry name: nothing in it may break the line.
  const message = printable(classified.message);
  io.stderr(`desk: ${message}\n`);
  if (json) io.stdout(`${JSON.stringify({ ok: false, error: { code, message } })}\n`);
  return exit;
}

function classify(error: unknown): { code: string; message: string; exit: ExitCode } {
  if (error instanceof UsageError)
    return { code: 'USAGE', message: error.message, exit: EXIT.usage };
  // node:util parseArgs reports unknown or malformed options with these codes.
  if (isNodeError(error) && error.code?.startsWith('ERR_PARSE_ARGS_')) {
    return { code: 'USAGE', message: `${error.message}; see --help.`, exit: EXIT.usage };
  }
  if (error instanceof DeskError) {
    const exit = error.code === 'INVALID_MARKING' ? EXIT.usage : EXIT.rejected;
    return { code: error.code, message: error.message, exit };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `unexpected failure: ${detail}`, exit: EXIT.rejected };
}

function isNodeError(error: unknown): error is Error & { code?: string } {
  return error instanceof Error && 'code' in error;
}
