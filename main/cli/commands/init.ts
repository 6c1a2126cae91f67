import { parseArgs } from 'node:util';
import { formatFingerprint } from '../../trust';
import { defaultDataDir, initWorkspace } from '../../workspace';
import { readPublicKey } from '../files';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';

export const INIT_HELP = `Usage: desk init [--data DIR] --classification MARKING
                 [--root ROOT.pub.json ... [--root-threshold N]] [--json]

Creates a new workstation data directory: the database, the evidence store and the
first audit entry. DIR must be new or empty.

  --data DIR                 where the workstation keeps its data (default: the
                             app's own data folder, ~/.config/Designation Desk on Linux)
  --classification MARKING   the banner marking, e.g. "SECRET//NOFORN"
  --root FILE                pin this root public key as trust roster version 1
                             (repeat for several); compare the printed fingerprints
                             with the key holders out of band
  --root-threshold N         root signatures needed to change the roster (default 1)
  --json                     machine-readable output
`;

export function runInit(args: string[], io: CliIo): ExitCode {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      classification: { type: 'string' },
      root: { type: 'string', multiple: true, default: [] },
      'root-threshold': { type: 'string' },
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
  // Read and check the roots before creating anything, so a bad key file leaves no directory.
  const roots = values.root.map(readPublicKey);
  const rootThreshold =
    values['root-threshold'] === undefined ? 1 : Number(values['root-threshold']);
  if (values['root-threshold'] !== undefined && roots.length === 0) {
    throw new UsageError('--root-threshold needs at least one --root.');
  }
  if (
    !Number.isInteger(rootThreshold) ||
    rootThreshold < 1 ||
    (roots.length > 0 && rootThreshold > roots.length)
  ) {
    throw new UsageError(
      `--root-threshold must be a whole number from 1 to the number of --root keys (${roots.length}).`,
    );
  }

  const workspace = initWorkspace({
    dataDir: values.data ?? defaultDataDir(),
    classification: values.classification,
  });
  try {
    const roster = roots.length > 0 ? workspace.services.trust.pin(roots, rootThreshold) : null;
    const status = workspace.services.workstation.status();
    const fingerprints = roots.map((k) => ({ name: k.name, keyid: k.keyid }));
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ ok: true, dataDir: workspace.dataDir, classification: status.classification, initialisedAt: status.initialisedAt, roster: roster && { version: roster.document.version, rootThreshold, roots: fingerprints } })}\n`,
      );
    } else {
      io.stdout(
        `Initialised a Designation Desk workstation in ${workspace.dataDir} (classification ${status.classification.marking}).\n`,
      );
      if (roster !== null) {
        io.stdout(
          `Pinned trust roster version 1: ${rootThreshold} of ${roots.length} root key(s) sign roster changes.\n`,
        );
        io.stdout('Compare each root fingerprint with its holder over a separate channel:\n');
        for (const root of roots) io.stdout(`  ${root.name}: ${formatFingerprint(root.keyid)}\n`);
      }
    }
  } finally {
    workspace.close();
  }
  return EXIT.ok;
}
