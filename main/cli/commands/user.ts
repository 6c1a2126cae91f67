import { parseArgs } from 'node:util';
import { formatFingerprint } from '../../trust';
import { openWorkspace } from '../../workspace';
import { readJsonFile } from '../files';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';
import { unlockUser } from '../session';

export const USER_HELP = `Usage:
  desk user add --data DIR --key NAME.key.json [--json]
  desk user list --data DIR [--json]
  desk user unlock --data DIR --user NAME [--passphrase-file FILE]

add     enrols a person with their sealed secret key file (it stays sealed in the
        data directory); the key must already hold a role in the trust roster
list    lists enrolled identities with their roles
unlock  checks a passphrase (failed attempts are audit-logged and slow down retries)
`;

export async function runUser(args: string[], io: CliIo): Promise<ExitCode> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string' },
      key: { type: 'string' },
      user: { type: 'string' },
      'passphrase-file': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help || action === undefined || action === '--help' || action === '-h') {
    io.stdout(USER_HELP);
    return action === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!['add', 'list', 'unlock'].includes(action))
    throw new UsageError(`"${action}" is not a user action; see "desk user --help".`);
  if (!values.data) throw new UsageError(`desk user ${action} needs --data DIR.`);
  const workspace = openWorkspace({ dataDir: values.data });
  try {
    const identities = workspace.services.identities;
    if (action === 'add') {
      if (!values.key) throw new UsageError('desk user add needs --key NAME.key.json.');
      const identity = identities.enrol(readJsonFile(values.key, 'secret key file'));
      if (values.json) io.stdout(`${JSON.stringify({ ok: true, identity })}\n`);
      else
        io.stdout(
          `Enrolled "${identity.name}" (${identity.roles.join(', ')}), key ${formatFingerprint(identity.keyid)}.\n`,
        );
    } else if (action === 'list') {
      const list = identities.list();
      if (values.json) io.stdout(`${JSON.stringify({ ok: true, identities: list })}\n`);
      else if (list.length === 0) io.stdout('No identities are enrolled.\n');
      else
        for (const i of list)
          io.stdout(
            `${i.name.padEnd(28)} ${i.roles.join(',').padEnd(24)} ${formatFingerprint(i.keyid)}\n`,
          );
    } else {
      if (!values.user) throw new UsageError('desk user unlock needs --user NAME.');
      await unlockUser(workspace, values.user, values['passphrase-file'], io);
      identities.lock();
      io.stdout(`The passphrase opens the key of "${values.user}".\n`);
    }
    return EXIT.ok;
  } finally {
    workspace.services.identities.lock();
    workspace.close();
  }
}
