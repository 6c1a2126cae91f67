/**
 * Reading the key files and other JSON inputs the CLI is given, with errors a user can act
 * on. Every one of them is signed or sealed, so each is read strictly (no BOM, no key twice).
 */
import { coreDumpStatus, refuseUnlockIfCoreDumpsPossible } from '../core-dumps';
import { parsePublicKeyFile, type PublicKey, type UnlockedKey } from '../crypto';
import { unsealSecretKey } from '../key-files';
import { parseStrictJson } from '../strict-json';
import { FileProblem, readRegularFile } from '../user-files';
import { DeskError } from '../../common/errors';
import { printable } from '../../common/text';
import { readPassphrase } from './passphrase';

/** Keys, rosters and threshold sets are kilobytes; this leaves a thousandfold room. */
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

export function readJsonFile(file: string, what: string): unknown {
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(file, MAX_DOCUMENT_BYTES);
  } catch (error) {
    const why = error instanceof FileProblem ? `: the file ${error.message}` : '';
    throw new DeskError(
      'FILE_NOT_FOUND',
      `The ${what} ${printable(file)} cannot be read${why}. Nothing was changed.`,
    );
  }
  const json = parseStrictJson(bytes);
  if (!json.ok) {
    throw new DeskError(
      'INVALID_ARGUMENT',
      `The ${what} ${printable(file)} cannot be used: ${json.reason}. Nothing was changed.`,
    );
  }
  return json.value;
}

export function readPublicKey(file: string): PublicKey {
  return parsePublicKeyFile(readJsonFile(file, 'public key file'));
}

/** Unseals each secret key file with its passphrase (files matched to keys by position). */
export async function unlockKeys(
  keyFiles: readonly string[],
  passphraseFiles: readonly string[],
): Promise<UnlockedKey[]> {
  refuseUnlockIfCoreDumpsPossible(coreDumpStatus());
  const unlocked: UnlockedKey[] = [];
  try {
    for (const [i, keyFile] of keyFiles.entries()) {
      const json = readJsonFile(keyFile, 'secret key file');
      const passphrase = await readPassphrase(passphraseFiles[i], `Passphrase for ${keyFile}: `);
      try {
        unlocked.push(await unsealSecretKey(json, passphrase));
      } finally {
        passphrase.fill(0);
      }
    }
    return unlocked;
  } catch (error) {
    for (const key of unlocked) key.wipe();
    throw error;
  }
}
