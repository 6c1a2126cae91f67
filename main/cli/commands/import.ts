import { parseArgs } from 'node:util';
import type { ImportOutcome } from '../../bundles';
import { openWorkspace } from '../../workspace';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';
import { formatChecks } from './bundle';

export const IMPORT_HELP = `Usage: desk import --data DIR FILE.evbundle... [--json] [--progress]

Verifies each bundle against the trust roster and imports it in one transaction, or
rejects it with the reason (exit 1 if any bundle is rejected). Importing a bundle twice
changes nothing. --progress writes progress as JSON lines to stderr.
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
  const outcomes: (ImportOutcome & { file: string })[] = [];
  try {
    for (const file of positionals) {
      const outcome = await workspace.services.bundles.importBundle(
        file,
        values.progress
          ? (p) => {
              io.stderr(`${JSON.stringify({ file, ...p })}\n`);
            }
          : undefined,
      );
      outcomes.push({ file, ...outcome });
      if (!values.json) {
        if (outcome.status !== 'already-imported') io.stdout(formatChecks(outcome.checks));
        io.stdout(`${outcome.message}\n`);
      }
      if (outcome.status === 'rejected') io.stderr(`desk: ${outcome.message}\n`);
    }
  } finally {
    workspace.close();
  }
  const rejected = outcomes.some((o) => o.status === 'rejected');
  if (values.json) io.stdout(`${JSON.stringify({ ok: !rejected, imports: outcomes })}\n`);
  return rejected ? EXIT.rejected : EXIT.ok;
}
