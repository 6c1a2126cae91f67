import { parseArgs } from 'node:util';
import { defaultDataDir, initWorkspace } from '../../workspace';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';

export const INIT_HELP = `Usage: desk init [--data DIR] --classification MARKING [--json]

Creates a new workstation data directory: the database, the evidence store and the
first audit entry. DIR must be new or empty.

  --data DIR                 where the workstation keeps its data (default: the
                             app's own data folder, ~/.config/Designation Desk on Linux)
  --classification MARKING   the banner marking, e.g. "SECRET//NOFORN"
  --json                     machine-readable output
`;

export function runInit(args: string[], io: CliIo): ExitCode {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      classification: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(INIT_HELP);
    return EXIT.ok;
  }
  if (values.classification === undefined) {
    throw new UsageError('desk init needs --classification MARKING, e.g. "SECRET//NOFORN".');
  }
  const workspace = initWorkspace({
    dataDir: values.data ?? defaultDataDir(),
    classification: values.classification,
  });
  try {
    const status = workspace.services.workstation.status();
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ ok: true, dataDir: workspace.dataDir, classification: status.classification, initialisedAt: status.initialisedAt })}\n`,
      );
    } else {
      io.stdout(
        `Initialised a Designation Desk workstation in ${workspace.dataDir} (classification ${status.classification.marking}).\n`,
      );
    }
  } finally {
    workspace.close();
  }
  return EXIT.ok;
}
