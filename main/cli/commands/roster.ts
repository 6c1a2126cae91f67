import { parseArgs } from 'node:util';
import {
  ROLES,
  THRESHOLD_NAMES,
  formatFingerprint,
  type Role,
  type RosterChange,
  type ThresholdName,
} from '../../trust';
import { openWorkspace } from '../../workspace';
import { readPublicKey, unlockKeys } from '../files';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';

export const ROSTER_HELP = `Usage:
  desk roster show --data DIR [--json]
  desk roster add --data DIR --role ROLE --key KEY.pub.json --sign-with ROOT.key.json ...
  desk roster remove --data DIR --role ROLE (--key KEY.pub.json | --keyid HEX) --sign-with ROOT.key.json ...
  desk roster set-threshold --data DIR --name NAME --value N --sign-with ROOT.key.json ...

Every change makes the next roster version, signed by enough of the current root keys
(repeat --sign-with, with one --passphrase-file per key in the same order, or answer
the prompts). Roles: ${ROLES.join(', ')}. Thresholds: ${THRESHOLD_NAMES.join(', ')}.
`;

const OPTIONS = {
  data: { type: 'string' },
  role: { type: 'string' },
  key: { type: 'string' },
  keyid: { type: 'string' },
  name: { type: 'string' },
  value: { type: 'string' },
  'sign-with': { type: 'string', multiple: true, default: [] as string[] },
  'passphrase-file': { type: 'string', multiple: true, default: [] as string[] },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export async function runRoster(args: string[], io: CliIo): Promise<ExitCode> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: OPTIONS,
    strict: true,
    allowPositionals: false,
  });
  if (values.help || action === undefined || action === '--help' || action === '-h') {
    io.stdout(ROSTER_HELP);
    return action === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!values.data) throw new UsageError(`desk roster ${action} needs --data DIR.`);
  const workspace = openWorkspace({ dataDir: values.data });
  try {
    const trust = workspace.services.trust;
    if (action === 'show') return show(trust.history(), values.json, io);
    const change = changeFor(action, values);
    const document = trust.propose(change);
    const signers = await unlockKeys(values['sign-with'], values['passphrase-file']);
    try {
      const roster = trust.signAndInstall(document, signers);
      if (values.json)
        io.stdout(
          `${JSON.stringify({ ok: true, version: roster.document.version, digest: roster.digest })}\n`,
        );
      else io.stdout(`Trust roster version ${roster.document.version} installed.\n`);
    } finally {
      for (const key of signers) key.wipe();
    }
    return EXIT.ok;
  } finally {
    workspace.close();
  }
}

function changeFor(
  action: string,
  values: {
    role?: string;
    key?: string;
    keyid?: string;
    name?: string;
    value?: string;
    'sign-with': string[];
  },
): RosterChange {
  if (values['sign-with'].length === 0)
    throw new UsageError(`desk roster ${action} needs --sign-with ROOT.key.json.`);
  switch (action) {
    case 'add':
      if (!values.key) throw new UsageError('desk roster add needs --key KEY.pub.json.');
      return { add: { key: readPublicKey(values.key), roles: [role(values.role)] } };
    case 'remove': {
      const keyid = values.keyid ?? (values.key ? readPublicKey(values.key).keyid : undefined);
      if (!keyid)
        throw new UsageError('desk roster remove needs --key KEY.pub.json or --keyid HEX.');
      return { remove: { keyid, role: role(values.role) } };
    }
    case 'set-threshold': {
      const name = values.name as ThresholdName | undefined;
      const value = Number(values.value);
      if (!name || !THRESHOLD_NAMES.includes(name))
        throw new UsageError(`--name must be one of ${THRESHOLD_NAMES.join(', ')}.`);
      if (!Number.isInteger(value) || value < 1)
        throw new UsageError('--value must be a whole number of at least 1.');
      return { thresholds: { [name]: value } };
    }
    default:
      throw new UsageError(`"${action}" is not a roster action; see "desk roster --help".`);
  }
}

function role(value: string | undefined): Role {
  if (value === undefined || !(ROLES as readonly string[]).includes(value)) {
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
  }
  return value as Role;
}

function show(
  history: ReturnType<import('../../trust').TrustService['history']>,
  json: boolean,
  io: CliIo,
): ExitCode {
  const current = history.at(-1);
  if (json) {
    io.stdout(
      `${JSON.stringify({ ok: true, roster: current ? { ...current.document, digest: current.digest, installedAt: current.installedAt } : null, versions: history.map((r) => ({ version: r.document.version, digest: r.digest, installedAt: r.installedAt })) })}\n`,
    );
    return EXIT.ok;
  }
  if (current === undefined) {
    io.stdout('No trust roster is pinned on this workstation.\n');
    return EXIT.ok;
  }
  const { document } = current;
  io.stdout(`Trust roster version ${document.version} (installed ${current.installedAt})\n`);
  io.stdout(
    `Thresholds: ${THRESHOLD_NAMES.map((n) => `${n} ${document.thresholds[n]}`).join(', ')}\n`,
  );
  for (const key of document.keys) {
    io.stdout(
      `  ${key.name.padEnd(24)} ${key.roles.join(',').padEnd(20)} ${formatFingerprint(key.keyid)}\n`,
    );
  }
  return EXIT.ok;
}
