/**
 * Whether this process could leave a core dump. A core file holds the whole heap: an
 * unlocked key, a typed passphrase, an opened threshold set's values. The launchers set
 * the core file size limit to 0 before Node or Electron starts (bin/desk.mjs,
 * build/after-pack.ts); this reads what the kernel will actually do, so nothing is
 * unlocked if a process was started some other way (docs/security.md, "Core dumps").
 */
import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from '../../common/errors';

export type CoreDumpStatus =
  | { readonly possible: false }
  | { readonly possible: true; readonly why: string; readonly fix: string };

export type CoreLimit = number | 'unlimited';

/** Pipe handlers known to honour the core file size limit the kernel passes them (%c). */
const LIMIT_HONOURING_HANDLERS = ['systemd-coredump', 'apport'];

const FIX_LIMIT =
  'start Designation Desk through its launcher (the desk command or the installed app), which sets the limit to 0, or run "ulimit -c 0" in the shell that starts it';

/**
 * The soft and hard "Max core file size" from the text of /proc/<pid>/limits, or null if
 * the text has no such row. Columns are padded with spaces; values are bytes or "unlimited".
 */
export function parseCoreLimit(limits: string): { soft: CoreLimit; hard: CoreLimit } | null {
  const row = /^Max core file size\s+(\d+|unlimited)\s+(\d+|unlimited)\s+bytes\s*$/m.exec(limits);
  if (!row?.[1] || !row[2]) return null;
  const value = (text: string): CoreLimit => (text === 'unlimited' ? 'unlimited' : Number(text));
  return { soft: value(row[1]), hard: value(row[2]) };
}

/** The program of a pipe core_pattern ("|/usr/lib/systemd/systemd-coredump %P …"), else null. */
export function pipeHandler(corePattern: string): string | null {
  const pattern = corePattern.trim();
  if (!pattern.startsWith('|')) return null;
  return pattern.slice(1).trim().split(/\s+/)[0] ?? '';
}

export interface ProcReader {
  readonly platform: NodeJS.Platform;
  /** A file's text, or null if it cannot be read. */
  read(file: string): string | null;
}

const processReader: ProcReader = {
  platform: process.platform,
  read: (file) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  },
};

/**
 * Reads /proc/self/limits and /proc/sys/kernel/core_pattern. A file core_pattern obeys the
 * soft limit. A pipe core_pattern is different: the kernel runs the handler whatever
 * RLIMIT_CORE is and passes the limit along; systemd-coredump and apport honour it (a
 * limit of 0 writes nothing), another handler may not. Off Linux there is no /proc, and
 * nothing is claimed (docs/security.md).
 */
export function coreDumpStatus(reader: ProcReader = processReader): CoreDumpStatus {
  if (reader.platform !== 'linux') return { possible: false };
  const limits = reader.read('/proc/self/limits');
  const limit = limits === null ? null : parseCoreLimit(limits);
  if (limit === null) {
    return {
      possible: true,
      why: 'its core file size limit cannot be read from /proc/self/limits',
      fix: FIX_LIMIT,
    };
  }
  if (limit.soft !== 0) {
    const shown = limit.soft === 'unlimited' ? 'unlimited' : `${limit.soft} bytes`;
    return {
      possible: true,
      why: `its soft "Max core file size" limit is ${shown}, not 0`,
      fix: FIX_LIMIT,
    };
  }
  const pattern = reader.read('/proc/sys/kernel/core_pattern');
  if (pattern === null) {
    return {
      possible: true,
      why: 'the kernel core_pattern cannot be read from /proc/sys/kernel/core_pattern',
      fix: 'ask an administrator why /proc/sys/kernel/core_pattern is unreadable',
    };
  }
  const handler = pipeHandler(pattern);
  if (handler === null || LIMIT_HONOURING_HANDLERS.includes(path.basename(handler))) {
    return { possible: false };
  }
  return {
    possible: true,
    why: `the kernel core_pattern pipes core dumps to ${handler}, which the kernel runs whatever the core file size limit is (only systemd-coredump and apport are known to honour the limit of 0 they are passed)`,
    fix: 'ask an administrator to set kernel.core_pattern to a file name, systemd-coredump or apport',
  };
}

/** Throws the refusal every unlock gives while core dumps are possible; nothing is unlocked. */
export function refuseUnlockIfCoreDumpsPossible(status: CoreDumpStatus): void {
  if (!status.possible) return;
  throw new DeskError(
    'CORE_DUMPS_POSSIBLE',
    `Unlocking is refused because this process could write a core dump, which would hold unlocked keys and passphrases: ${status.why}. To fix it, ${status.fix}. Nothing was unlocked.`,
  );
}
