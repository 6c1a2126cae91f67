import { parseArgs } from 'node:util';
import { standingMarks, type BundleSummary } from '../../../common/bundles';
import { printable } from '../../../common/text';
import { openWorkspace } from '../../workspace';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';
import { unlockUser } from '../session';
import { modelLabel } from '../../../common/models';

export const BUNDLES_HELP = `Usage:
  desk bundles --data DIR [--json]
  desk bundles quarantine --data DIR --bundle ID --user NAME --reason TEXT [--passphrase-file F]
  desk bundles accept-mapping --data DIR --bundle ID --log PATH --benchmark NAME --user NAME
                              --reason TEXT [--passphrase-file F]

Lists imported bundles (id, model, the evaluator as the roster names its signing keys,
logs with their sample counts and metrics as claimed by Inspect and as recomputed from
the samples, and marks: quarantined, signer no longer trusted, benchmark mapping not
accepted) and rejected imports with their reasons.

quarantine      an unlocked authority keeps bundle ID but excludes it from every evaluation
accept-mapping  an unlocked reviewer lets log PATH of bundle ID count for benchmark NAME,
                which the bundle filed it under although its Inspect task is another
Both are audited and cannot be undone.
`;

const ACTIONS = ['quarantine', 'accept-mapping'] as const;

export async function runBundles(args: string[], io: CliIo): Promise<ExitCode> {
  const action = ACTIONS.find((a) => a === args[0]);
  const { values } = parseArgs({
    args: action === undefined ? args : args.slice(1),
    options: {
      data: { type: 'string' },
      bundle: { type: 'string' },
      log: { type: 'string' },
      benchmark: { type: 'string' },
      user: { type: 'string' },
      reason: { type: 'string' },
      'passphrase-file': { type: 'string' },
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
  const command = `desk bundles${action === undefined ? '' : ` ${action}`}`;
  if (!values.data) throw new UsageError(`${command} needs --data DIR.`);
  if (action === undefined) return list(values.data, values.json, io);

  const bundleId = Number(values.bundle);
  if (!values.bundle || !/^[1-9]\d{0,15}$/.test(values.bundle))
    throw new UsageError(`${command} needs --bundle ID, a bundle id "desk bundles" shows.`);
  if (!values.user) throw new UsageError(`${command} needs --user NAME.`);
  if (values.reason === undefined) throw new UsageError(`${command} needs --reason TEXT.`);
  const reason = values.reason;
  let mapping: { logPath: string; benchmark: string } | undefined;
  if (action === 'accept-mapping') {
    if (!values.log || !values.benchmark)
      throw new UsageError(`${command} needs --log PATH and --benchmark NAME.`);
    mapping = { logPath: values.log, benchmark: values.benchmark };
  }
  const workspace = openWorkspace({ dataDir: values.data });
  try {
    const role = mapping === undefined ? 'authority' : 'reviewer';
    const user = await unlockUser(workspace, values.user, values['passphrase-file'], io, role);
    const message =
      mapping === undefined
        ? workspace.services.review.quarantine(bundleId, reason, user)
        : workspace.services.review.acceptMapping({ bundleId, ...mapping }, reason, user);
    io.stdout(values.json ? `${JSON.stringify({ ok: true, message })}\n` : `${message}\n`);
    return EXIT.ok;
  } finally {
    workspace.services.identities.lock();
    workspace.close();
  }
}

function list(dataDir: string, json: boolean, io: CliIo): ExitCode {
  const workspace = openWorkspace({ dataDir });
  try {
    const bundles = workspace.services.bundles.list();
    const rejected = workspace.services.bundles.rejections();
    if (json) {
      io.stdout(`${JSON.stringify({ ok: true, bundles, rejected })}\n`);
      return EXIT.ok;
    }
    if (bundles.length === 0) io.stdout('No bundles imported.\n');
    for (const b of bundles) printBundle(b, io);
    if (rejected.length > 0) io.stdout('Rejected imports:\n');
    for (const r of rejected) io.stdout(`  ${r.recordedAt}  ${r.file}: ${r.reason}\n`);
    return EXIT.ok;
  } finally {
    workspace.close();
  }
}

function printBundle(b: BundleSummary, io: CliIo): void {
  const marks = standingMarks(b.standing);
  const claimed =
    b.evaluator.claimedName === b.evaluator.name
      ? ''
      : ` (calls itself ${b.evaluator.claimedName})`;
  io.stdout(
    `#${b.id}  ${b.fileName}  verified${marks.map((m) => `, ${m}`).join('')}  ${modelLabel(b.model)}  by ${b.evaluator.name}${claimed}  ${b.sampleCount} samples  imported ${b.importedAt}\n`,
  );
  if (b.standing.quarantine !== null) {
    const q = b.standing.quarantine;
    io.stdout(`  quarantined by ${q.by} ${q.at}: ${q.reason}\n`);
  }
  for (const m of b.standing.mappings) {
    io.stdout(
      `  ${m.logPath} (task ${printable(m.task)}) filed under benchmark ${m.benchmark}: ${m.accepted === null ? 'not accepted' : `accepted by ${m.accepted.by} ${m.accepted.at}`}\n`,
    );
  }
  for (const log of b.logs) {
    io.stdout(
      `  ${log.path}  task ${printable(log.task)}  Inspect model ${printable(log.model)}  ${log.status}  ${runText(log)}\n`,
    );
    if (log.run?.error)
      io.stdout(`    run error: ${printable(firstLine(log.run.error.message))}\n`);
    for (const shared of log.sharedWith)
      io.stdout(`    the same log was imported for ${modelLabel(shared)}\n`);
    for (const m of log.metrics) {
      io.stdout(
        `    ${m.scorer}/${m.metric}: claimed ${fmt(m.claimed)}, recomputed ${fmt(m.recomputed)} (${m.status})\n`,
      );
    }
  }
}

/** "40 samples (38 completed, 2 errored; 20 hit the message limit 50)". */
function runText(log: BundleSummary['logs'][number]): string {
  const counts = log.run?.samples;
  if (counts === undefined) return `${log.samples} samples`;
  const parts = [`${counts.completed} completed`];
  if (counts.errored > 0) parts.push(`${counts.errored} errored`);
  const hits = counts.limitsHit.map(
    (h) => `${h.samples} hit the ${printable(h.type)} limit ${h.values.join('/')}`,
  );
  return `${counts.total} samples (${parts.join(', ')}${hits.length > 0 ? `; ${hits.join('; ')}` : ''})`;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

function fmt(value: number | null): string {
  return value === null ? 'n/a' : String(Number(value.toPrecision(6)));
}
