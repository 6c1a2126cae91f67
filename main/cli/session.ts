import { coreDumpStatus, refuseUnlockIfCoreDumpsPossible } from '../core-dumps';
import type { UnlockedKey } from '../crypto';
import type { Role } from '../trust';
import type { Workspace } from '../workspace';
import type { CliIo } from './io';
import { readPassphrase } from './passphrase';

/** Unlocks `user`'s enrolled identity for this command, as the app's lock screen does. */
export async function unlockUser(
  workspace: Workspace,
  user: string,
  passphraseFile: string | undefined,
  io: CliIo,
  role?: Role,
): Promise<UnlockedKey> {
  // Before the passphrase is asked for, so it never reaches a process that could dump core.
  refuseUnlockIfCoreDumpsPossible(coreDumpStatus());
  const passphrase = await readPassphrase(passphraseFile, `Passphrase for ${user}: `);
  try {
    await workspace.services.identities.unlock(user, passphrase, {
      onWait: (seconds, failures) => {
        io.stderr(
          `desk: waiting ${seconds} s before trying: ${failures} earlier failed attempt(s) to unlock "${user}".\n`,
        );
      },
    });
  } finally {
    passphrase.fill(0);
  }
  return workspace.services.identities.requireKey(role);
}
