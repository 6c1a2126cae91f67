import { parseArgs } from 'node:util';
import type { BatchOutcome } from '../../bundles';
import { printable } from '../../../common/text';
import { openWorkspace } from '../../workspace';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';
import { formatChecks } from './bundle';

export const IMPORT_HELP = `Usage: desk import --data DIR FILE.evbundle... [--json] [--progress]

Verifies each bundle against the trust roster and imports it, or rejects it with the
reason (exit 1 if any bundle is rejected). Importing a bundle twice changes nothing.
--progress writes progress as JSON lines to stderr. Ctrl-C cancels the import in progress
and skips the rest, leaving what a rejection leaves (exit 130); a second Ctrl-C stops at
once, and the next desk command cleans up.
`;

export async function runImport(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      progress: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(IMPORT_HELP);
    return EXIT.ok;
  }
  if (!values.data) throw new UsageError('desk import needs --data DIR.');
  if (positionals.length === 0)
    throw new UsageError('desk import needs at least one FILE.evbundle.');
  const workspace = openWorkspace({ dataDir: values.data });
  const cancel = new AbortController();
  const stopListening = io.onInterrupt?.(() => {
    io.stderr('desk: cancelling the import (Ctrl-C again to stop at once)…\n');
    cancel.abort();
  });
  let outcomes: BatchOutcome[];
  try {
    outcomes = await workspace.services.bundles.importBundles(positionals, {
      signal: cancel.signal,
      ...(values.progress
        ? {
            onProgress: (progress) => {
              io.stderr(`${JSON.stringify(progress)}\n`);
            },
          }
        : {}),
      onOutcome: (outcome) => {
        if (!values.json) {
          if ('checks' in outcome) io.stdout(formatChecks(outcome.checks));
          io.stdout(`${printable(outcome.message)}\n`);
        }
        if (outcome.status !== 'imported' && outcome.status !== 'already-imported')
          io.stderr(`desk: ${printable(outcome.message)}\n`);
      },
    });
  } finally {
    stopListening?.();
    workspace.close();
  }
  const failed = outcomes.some((o) => o.status !== 'imported' && o.status !== 'already-imported');
  if (values.json) io.stdout(`${JSON.stringify({ ok: !failed, imports: outcomes })}\n`);
  if (cancel.signal.aborted) return EXIT.interrupted;
  return failed ? EXIT.rejected : EXIT.ok;
}
