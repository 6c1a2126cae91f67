import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateKeyPair, keyIdOf, toPublicKeyFile } from '../../crypto';
import { sealSecretKey } from '../../key-files';
import { DeskError } from '../../../common/errors';
import { formatFingerprint } from '../../trust';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io';
import { readPassphrase } from '../passphrase';

export const KEYGEN_HELP = `Usage: desk keygen --name NAME --out DIR [--passphrase-file FILE] [--json]

Creates an Ed25519 key pair: DIR/NAME.pub.json (share it) and DIR/NAME.key.json (the
secret key sealed under your passphrase with Argon2id and XChaCha20-Poly1305).
Without --passphrase-file the passphrase is asked for twice at the terminal.
Existing files are never overwritten.
`;

export async function runKeygen(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      out: { type: 'string' },
      'passphrase-file': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(KEYGEN_HELP);
    return EXIT.ok;
  }
  if (!values.name || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(values.name)) {
    throw new UsageError(
      'desk keygen needs --name NAME (letters, digits, ".", "_", "-"; up to 64).',
    );
  }
  if (!values.out) throw new UsageError('desk keygen needs --out DIR.');
  const publicFile = path.join(values.out, `${values.name}.pub.json`);
  const secretFile = path.join(values.out, `${values.name}.key.json`);
  for (const file of [publicFile, secretFile]) {
    if (fs.existsSync(file))
      throw new DeskError(
        'INVALID_ARGUMENT',
        `${file} already exists; keys are never overwritten. Nothing was written.`,
      );
  }
  const passphrase = await readPassphrase(
    values['passphrase-file'],
    `Passphrase for ${values.name}: `,
  );
  try {
    if (values['passphrase-file'] === undefined) {
      const again = await readPassphrase(undefined, 'Repeat the passphrase: ');
      const same = Buffer.from(again).equals(Buffer.from(passphrase));
      again.fill(0);
      if (!same) throw new UsageError('The two passphrases differ. Nothing was written.');
    }
    const keyPair = await generateKeyPair();
    const sealed = await sealSecretKey(values.name, keyPair, passphrase);
    keyPair.secretKey.fill(0);
    fs.mkdirSync(values.out, { recursive: true });
    fs.writeFileSync(secretFile, `${JSON.stringify(sealed, null, 2)}\n`, {
      flag: 'wx',
      mode: 0o600,
    });
    fs.writeFileSync(
      publicFile,
      `${JSON.stringify(toPublicKeyFile(values.name, keyPair.publicKey), null, 2)}\n`,
      { flag: 'wx', mode: 0o644 },
    );
    const keyid = keyIdOf(keyPair.publicKey);
    if (values.json)
      io.stdout(
        `${JSON.stringify({ ok: true, name: values.name, keyid, publicKeyFile: publicFile, secretKeyFile: secretFile })}\n`,
      );
    else
      io.stdout(
        `Created ${publicFile} and ${secretFile}.\nKey id (fingerprint): ${formatFingerprint(keyid)}\n`,
      );
    return EXIT.ok;
  } finally {
    passphrase.fill(0);
  }
}
