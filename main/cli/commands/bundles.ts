import { parseArgs } from 'node:util';
import { openWorkspace } from '../../workspace';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';

export const BUNDLES_HELP = `Usage: desk bundles --data DIR [--json]

Lists imported bundles (model, evaluator, logs with their sample counts and metrics
as claimed by Inspect and as recomputed from the samples) and rejected imports with
their reasons.
`;

export function runBundles(args: string[], io: CliIo): ExitCode {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(BUNDLES_HELP);
    return EXIT.ok;
  }
  if (!values.data) throw new UsageError('desk bundles needs --data DIR.');
  const workspace = openWorkspace({ dataDir: values.data });
  try {
    const bundles = workspace.services.bundles.list();
    const rejected = workspace.services.bundles.rejections();
    if (values.json) {
      io.stdout(`${JSON.stringify({ ok: true, bundles, rejected })}\n`);
      return EXIT.ok;
    }
    if (bundles.length === 0) io.stdout('No bundles imported.\n');
    for (const b of bundles) {
      io.stdout(
        `${b.fileName}  verified  ${b.model.developer}/${b.model.name}@${b.model.version}  by ${b.evaluator.name}  ${b.sampleCount} samples  imported ${b.importedAt}\n`,
      );
      for (const log of b.logs) {
        io.stdout(`  ${log.path}  task ${log.task}  ${log.samples} samples\n`);
        for (const m of log.metrics) {
          io.stdout(
            `    ${m.scorer}/${m.metric}: claimed ${fmt(m.claimed)}, recomputed ${fmt(m.recomputed)} (${m.status})\n`,
          );
        }
      }
    }
    if (rejected.length > 0) io.stdout('Rejected imports:\n');
    for (const r of rejected) io.stdout(`  ${r.recordedAt}  ${r.file}: ${r.reason}\n`);
    return EXIT.ok;
  } finally {
    workspace.close();
  }
}

function fmt(value: number | null): string {
  return value === null ? 'n/a' : String(Number(value.toPrecision(6)));
}
