import { parseArgs } from 'node:util';
import { createBundle, type Check } from '../../bundles';
import { printable } from '../../../common/text';
import { openWorkspace } from '../../workspace';
import { unlockKeys } from '../files';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';

export const BUNDLE_HELP = `Usage:
  desk bundle create --key LAB.key.json [--passphrase-file FILE]
                     --model-developer D --model-name N --model-version V
                     [--inspect-model NAME ...]
                     --suite S [--suite-version X] [--evaluator-id ID] [--evaluator-name NAME]
                     [--attach FILE ...] --out FILE.evbundle LOG...
  desk bundle verify --data DIR FILE.evbundle [--json]

create  packs Inspect logs (and attachments) into a signed result bundle; its results
        are what Inspect recorded in each log. The evaluator defaults to the key's name.
        --inspect-model signs the names Inspect gives the model in eval.model (each log
        must be a run of one); without it, workstations warn and never decide a rule
        on logs of more than one Inspect model.
verify  checks a bundle against the workstation's trust roster without importing it
        and prints every check (exit 1 if any fails).
`;

export async function runBundle(args: string[], io: CliIo): Promise<ExitCode> {
  const [action, ...rest] = args;
  if (action === 'create') return create(rest, io);
  if (action === 'verify') return verify(rest, io);
  io.stdout(BUNDLE_HELP);
  if (action === undefined) return EXIT.usage;
  if (action === '--help' || action === '-h') return EXIT.ok;
  throw new UsageError(`"${action}" is not a bundle action; see "desk bundle --help".`);
}

async function create(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      key: { type: 'string' },
      'passphrase-file': { type: 'string' },
      'model-developer': { type: 'string' },
      'model-name': { type: 'string' },
      'model-version': { type: 'string' },
      'inspect-model': { type: 'string', multiple: true, default: [] },
      suite: { type: 'string' },
      'suite-version': { type: 'string' },
      'evaluator-id': { type: 'string' },
      'evaluator-name': { type: 'string' },
      attach: { type: 'string', multiple: true, default: [] },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  const need = (name: keyof typeof values): string => {
    const value = values[name];
    if (typeof value !== 'string' || value.length === 0)
      throw new UsageError(`desk bundle create needs --${name}.`);
    return value;
  };
  const key = need('key');
  const out = need('out');
  const model = {
    developer: need('model-developer'),
    name: need('model-name'),
    version: need('model-version'),
    ...(values['inspect-model'].length > 0
      ? { inspectModels: [...new Set(values['inspect-model'])] }
      : {}),
  };
  const suite = {
    name: need('suite'),
    ...(values['suite-version'] ? { version: values['suite-version'] } : {}),
  };
  if (positionals.length === 0)
    throw new UsageError('desk bundle create needs at least one LOG file.');
  const [signer] = await unlockKeys(
    [key],
    values['passphrase-file'] ? [values['passphrase-file']] : [],
  );
  if (signer === undefined) throw new Error('no key unlocked');
  try {
    const created = await createBundle({
      out,
      logs: positionals,
      attachments: values.attach,
      evaluator: {
        id: values['evaluator-id'] ?? signer.name,
        name: values['evaluator-name'] ?? signer.name,
      },
      model,
      suite,
      signers: [signer],
    });
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ ok: true, file: created.file, entries: created.entries, results: created.predicate.results })}\n`,
      );
    } else {
      io.stdout(
        `Created ${created.file}: ${created.entries.length} entries, ${created.predicate.results.length} results, signed by ${signer.name}.\n`,
      );
    }
    return EXIT.ok;
  } finally {
    signer.wipe();
  }
}

async function verify(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: { data: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  if (!values.data) throw new UsageError('desk bundle verify needs --data DIR.');
  if (positionals.length !== 1 || positionals[0] === undefined)
    throw new UsageError('desk bundle verify needs one FILE.');
  const workspace = openWorkspace({ dataDir: values.data });
  try {
    const outcome = await workspace.services.bundles.verify(positionals[0]);
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ ok: outcome.ok, file: positionals[0], message: outcome.message, checks: outcome.checks })}\n`,
      );
    } else {
      io.stdout(formatChecks(outcome.checks));
      io.stdout(`${printable(outcome.message)}\n`);
    }
    if (!outcome.ok) io.stderr(`desk: ${printable(outcome.message)}\n`);
    return outcome.ok ? EXIT.ok : EXIT.rejected;
  } finally {
    workspace.close();
  }
}

const MARKS = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', 'not-run': ' -- ' } as const;

export function formatChecks(checks: readonly Check[]): string {
  return checks
    .map(
      (c) =>
        `  [${MARKS[c.status]}] ${c.label}${c.status === 'not-run' ? '' : `: ${printable(c.detail)}`}\n`,
    )
    .join('');
}
