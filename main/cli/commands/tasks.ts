import { parseArgs } from 'node:util';
import { printable } from '../../../common/text';
import type { StoredReference, TaskReferenceMeta, TaskReferenceService } from '../../tasks';
import { openWorkspace } from '../../workspace';
import { readJsonFile } from '../files';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';
import { unlockUser } from '../session';

export const TASKS_HELP = `Usage:
  desk tasks import --data DIR --file REF.json --user NAME [--passphrase-file F] [--json]
  desk tasks list --data DIR [--json]
  desk tasks show --data DIR --benchmark NAME [--json]

import  signs the task reference REF.json (human expert minutes per task, per benchmark) as
        the unlocked authority or reviewer NAME and stores it; a later version of an id
        supersedes the earlier ones
list    every stored version: id, version, name, signer, digest, benchmarks and task counts,
        each verified again
show    the human times of one benchmark's tasks, from the latest reference that lists it
`;

const ACTIONS = ['import', 'list', 'show'] as const;

export async function runTasks(args: string[], io: CliIo): Promise<ExitCode> {
  const [first, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string' },
      file: { type: 'string' },
      user: { type: 'string' },
      benchmark: { type: 'string' },
      'passphrase-file': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help || first === undefined || first === '--help' || first === '-h') {
    io.stdout(TASKS_HELP);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  const action = ACTIONS.find((a) => a === first);
  if (action === undefined)
    throw new UsageError(`"${first}" is not a tasks action; see "desk tasks --help".`);
  const need = (value: string | undefined, option: string): string => {
    if (!value) throw new UsageError(`desk tasks ${action} needs ${option}.`);
    return value;
  };
  const data = need(values.data, '--data DIR');
  const json = values.json;
  const request =
    action === 'import'
      ? {
          action,
          user: need(values.user, '--user NAME'),
          file: need(values.file, '--file REF.json'),
        }
      : action === 'show'
        ? { action, benchmark: need(values.benchmark, '--benchmark NAME') }
        : { action };

  const workspace = openWorkspace({ dataDir: data });
  try {
    const tasks = workspace.services.tasks;
    if (request.action === 'list') list(tasks, json, io);
    else if (request.action === 'show') show(tasks, request.benchmark, json, io);
    else {
      const document = readJsonFile(request.file, 'task reference file');
      const signer = await unlockUser(workspace, request.user, values['passphrase-file'], io);
      const imported = tasks.importReference(document, signer);
      const { alreadyStored, reference } = imported;
      io.stdout(
        json
          ? `${JSON.stringify({ ok: true, alreadyStored, reference })}\n`
          : `${printable(imported.summary)}\n`,
      );
    }
    return EXIT.ok;
  } finally {
    workspace.services.identities.lock();
    workspace.close();
  }
}

function list(tasks: TaskReferenceService, json: boolean, io: CliIo): void {
  const references = tasks.list();
  if (json) io.stdout(`${JSON.stringify({ ok: true, references })}\n`);
  else if (references.length === 0) io.stdout('No task references.\n');
  else for (const reference of references) io.stdout(listLine(reference));
}

function show(tasks: TaskReferenceService, benchmark: string, json: boolean, io: CliIo): void {
  const found = tasks.tasksFor(benchmark);
  if (json) {
    const value =
      found === null
        ? null
        : {
            reference: found.reference,
            tasks: [...found.tasks].map(([taskId, time]) => ({ taskId, ...time })),
          };
    io.stdout(`${JSON.stringify({ ok: true, benchmark, found: value })}\n`);
  } else if (found === null) {
    io.stdout(`No task reference lists benchmark "${printable(benchmark)}".\n`);
  } else {
    io.stdout(
      `Benchmark "${printable(benchmark)}": ${found.tasks.size} task(s) from ${referenceLabel(found.reference)}.\n`,
    );
    for (const [taskId, t] of found.tasks)
      io.stdout(
        `  ${printable(taskId)}  ${t.minutes} min  family ${printable(t.family)}  ${t.source}${t.sourceNote === null ? '' : ` (${printable(t.sourceNote)})`}\n`,
      );
  }
}

function listLine(reference: TaskReferenceMeta): string {
  const head = `${printable(reference.id)}@${reference.version}${reference.latest ? '' : ' (superseded)'}  signed by ${signerLabel(reference)}  ${reference.importedAt}  digest ${reference.digest}`;
  if (!reference.verified) return `${head}\n  FAILED VERIFICATION: ${reference.problem}\n`;
  const benchmarks = reference.benchmarks
    .map((b) => `${printable(b.benchmark)} (${b.tasks} task(s))`)
    .join(', ');
  return `${head}\n  ${printable(reference.name)}: ${benchmarks}\n`;
}

function referenceLabel(reference: StoredReference): string {
  return `task reference ${printable(reference.id)} version ${reference.version}, signed by ${signerLabel(reference)}`;
}

function signerLabel(reference: StoredReference): string {
  return reference.signer.name === null
    ? `key ${reference.signer.keyid.slice(0, 12)}… (no longer in the roster)`
    : printable(reference.signer.name);
}
