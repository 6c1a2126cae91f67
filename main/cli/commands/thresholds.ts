import { parseArgs } from 'node:util';
import { DeskError } from '../../../common/errors';
import { openWorkspace, type Workspace } from '../../workspace';
import { readJsonFile } from '../files';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';
import { unlockUser } from '../session';

export const THRESHOLDS_HELP = `Usage:
  desk thresholds import --data DIR --file SET.json --user NAME [--passphrase-file F] [--grant NAME ...] [--json]
  desk thresholds list --data DIR [--json]
  desk thresholds show --data DIR --id ID --user NAME [--passphrase-file F] [--json]

import  signs SET.json as the unlocked authority NAME and stores it encrypted, readable by
        NAME and every --grant (enrolled reviewers, authorities or auditors)
list    ids, versions, authors, readers and commitments: never rules or values
show    the rules and values of the latest version, for an unlocked reader
`;

export async function runThresholds(args: string[], io: CliIo): Promise<ExitCode> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string' },
      file: { type: 'string' },
      id: { type: 'string' },
      user: { type: 'string' },
      'passphrase-file': { type: 'string' },
      grant: { type: 'string', multiple: true, default: [] as string[] },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help || action === undefined || action === '--help' || action === '-h') {
    io.stdout(THRESHOLDS_HELP);
    return action === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!['import', 'list', 'show'].includes(action))
    throw new UsageError(`"${action}" is not a thresholds action; see "desk thresholds --help".`);
  if (!values.data) throw new UsageError(`desk thresholds ${action} needs --data DIR.`);
  const workspace = openWorkspace({ dataDir: values.data });
  try {
    const thresholds = workspace.services.thresholds;
    if (action === 'list') {
      const sets = thresholds.list();
      if (values.json) io.stdout(`${JSON.stringify({ ok: true, sets })}\n`);
      else if (sets.length === 0) io.stdout('No threshold sets.\n');
      else
        for (const s of sets)
          io.stdout(
            `${s.id}@${s.version}  by ${s.author.name ?? s.author.keyid.slice(0, 12)}  ${s.createdAt}  ${s.recipients.length} reader(s)  commitment ${s.commitment}\n`,
          );
      return EXIT.ok;
    }
    if (!values.user) throw new UsageError(`desk thresholds ${action} needs --user NAME.`);
    if (action === 'import') {
      if (!values.file) throw new UsageError('desk thresholds import needs --file SET.json.');
      const document = readJsonFile(values.file, 'threshold set file');
      const grantees = values.grant.map((name) => enrolledKeyid(workspace, name));
      const author = await unlockUser(
        workspace,
        values.user,
        values['passphrase-file'],
        io,
        'authority',
      );
      const meta = thresholds.importSet(document, author, grantees);
      if (values.json) io.stdout(`${JSON.stringify({ ok: true, set: meta })}\n`);
      else
        io.stdout(
          `Threshold set ${meta.id} version ${meta.version} signed by ${values.user} and stored encrypted for ${meta.recipients.length} reader(s). Commitment ${meta.commitment}.\n`,
        );
      return EXIT.ok;
    }
    if (!values.id) throw new UsageError('desk thresholds show needs --id ID.');
    const user = await unlockUser(workspace, values.user, values['passphrase-file'], io);
    const opened = thresholds.open(values.id, 'latest', user);
    if (values.json)
      io.stdout(`${JSON.stringify({ ok: true, meta: opened.meta, document: opened.document })}\n`);
    else {
      const d = opened.document;
      io.stdout(
        `${d.name} (${d.id}, version ${d.version}); designated when ${d.designation.kind === 'atLeast' ? `at least ${d.designation.k} rules are met` : `${d.designation.kind} rules are met`}\n`,
      );
      for (const r of d.rules)
        io.stdout(
          `  ${r.id}: ${r.benchmark} ${r.scorer ? `${r.scorer}/` : ''}${r.metric} ${r.basis} ${r.operator} ${r.value} (min ${r.minSamples} samples)\n`,
        );
    }
    return EXIT.ok;
  } finally {
    workspace.services.identities.lock();
    workspace.close();
  }
}

/** A --grant NAME: the keyid of an enrolled identity (the service checks its role). */
function enrolledKeyid(workspace: Workspace, name: string): string {
  const identity = workspace.services.identities
    .list()
    .find((i) => i.name === name || i.keyid === name);
  if (identity === undefined)
    throw new DeskError(
      'UNKNOWN_IDENTITY',
      `No identity called "${name}" is enrolled on this workstation. Nothing was changed.`,
    );
  return identity.keyid;
}
