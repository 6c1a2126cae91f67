/**
 * Identities on the workstation and the unlocked session. A user enrols with their sealed
 * secret key file, which stays sealed in the database; unlocking turns a passphrase into
 * the secret key in main-process memory for the session only. Roles come from the trust
 * roster, not from the identity; the unlocked key must be the identity's own. Failed unlocks
 * are audit-logged and each one doubles the wait before the next attempt (attempts for one
 * identity run one at a time); the session locks itself after a period of inactivity.
 */
import type { DeskDatabase, IdentityRow } from '../../db';
import type { AuditLog } from '../audit';
import { keyIdOf, type UnlockedKey } from '../crypto';
import { printable } from '../../common/text';
import { SecretKeyFileSchema, unsealSecretKey } from '../key-files';
import { DeskError } from '../../common/errors';
import type { Identity, Session } from '../../common/identities';
import type { Role, TrustService } from '../trust';

export interface UnlockOptions {
  /** Told how long the growing delay makes this attempt wait, before it waits. */
  readonly onWait?: (seconds: number, failedAttempts: number) => void;
}

export interface IdentityService {
  enrol(secretKeyFile: unknown): Identity;
  list(): Identity[];
  unlock(nameOrKeyid: string, passphrase: Uint8Array, options?: UnlockOptions): Promise<Session>;
  lock(reason?: 'user' | 'idle'): void;
  /** The current session, or null; locks first if the idle time has passed. */
  session(): Session | null;
  /** Records activity, postponing the auto-lock. */
  touch(): void;
  /** The unlocked key of a user holding `role` (any role if omitted); refuses otherwise. */
  requireKey(role?: Role): UnlockedKey;
  /** The session's key, or null when locked. Not activity. */
  unlockedKey(): UnlockedKey | null;
  readonly idleLockMs: number;
}

export interface IdentityServiceDeps {
  readonly db: DeskDatabase;
  readonly trust: TrustService;
  readonly audit: AuditLog;
  readonly now: () => Date;
  /** Inactivity before the session locks itself (default 10 minutes). */
  readonly idleLockMs?: number;
  /** Wait after the first failed unlock; doubles with each further failure (default 1 s). */
  readonly firstDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const MAX_DELAY_MS = 5 * 60_000;

/** The wait before the next attempt after `failures` failed ones: 0, 1, 2, 4, 8 … s, capped. */
export function unlockDelayMs(failures: number, firstDelayMs: number): number {
  if (failures <= 0) return 0;
  return Math.min(firstDelayMs * 2 ** (failures - 1), MAX_DELAY_MS);
}

/**
 * Runs tasks one at a time per key: concurrent unlocks of one identity queue behind each
 * other, so each reads the failure count the previous one left and pays its back-off.
 */
function perKeyQueue(): { run<T>(keyid: string, task: () => Promise<T>): Promise<T> } {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run: (keyid, task) => {
      const result = (tails.get(keyid) ?? Promise.resolve()).then(task);
      const tail = result.catch(() => undefined);
      tails.set(keyid, tail);
      void tail.then(() => {
        if (tails.get(keyid) === tail) tails.delete(keyid);
      });
      return result;
    },
  };
}

/** A sealed key that opens, but is not the key its identity row was enrolled with. */
function mismatch(row: IdentityRow): DeskError {
  return new DeskError(
    'IDENTITY_MISMATCH',
    `The sealed key stored for "${printable(row.name)}" is not the key ${row.keyid} that identity was enrolled with, so it was not unlocked. The database was edited outside Designation Desk or is damaged: run "desk doctor --data DIR" and have the security officer investigate. Nothing was changed.`,
  );
}

export function createIdentityService(deps: IdentityServiceDeps): IdentityService {
  const { db, trust, audit, now } = deps;
  const idleLockMs = deps.idleLockMs ?? 10 * 60_000;
  const firstDelayMs = deps.firstDelayMs ?? 1000;
  const sleep =
    deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let current: { session: Session; key: UnlockedKey; lastActivity: number } | null = null;
  const queue = perKeyQueue();

  const rolesOf = (keyid: string): Role[] =>
    trust.current()?.document.keys.find((k) => k.keyid === keyid)?.roles ?? [];
  const view = (row: Pick<IdentityRow, 'name' | 'keyid'>): Identity => ({
    name: row.name,
    keyid: row.keyid,
    roles: rolesOf(row.keyid),
  });

  const find = (nameOrKeyid: string): IdentityRow => {
    const rows = db.identities.all();
    const row =
      rows.find((r) => r.keyid === nameOrKeyid) ?? rows.find((r) => r.name === nameOrKeyid);
    if (row === undefined) {
      throw new DeskError(
        'UNKNOWN_IDENTITY',
        `No identity called "${nameOrKeyid}" is enrolled on this workstation.`,
      );
    }
    return row;
  };

  /** One unlock attempt, run alone for its identity: it sees every earlier attempt's failure. */
  const attempt = async (
    keyid: string,
    passphrase: Uint8Array,
    options: UnlockOptions,
  ): Promise<Session> => {
    const row = find(keyid);
    const wait = unlockDelayMs(row.failedAttempts, firstDelayMs);
    const since =
      row.lastFailedAt === null ? Infinity : now().getTime() - Date.parse(row.lastFailedAt);
    if (wait > since) {
      options.onWait?.(Math.ceil((wait - since) / 1000), row.failedAttempts);
      await sleep(wait - since);
    }
    let key: UnlockedKey;
    try {
      key = await unsealSecretKey(JSON.parse(row.sealedKey), passphrase);
    } catch (error) {
      if (!(error instanceof DeskError) || error.code !== 'WRONG_PASSPHRASE') throw error;
      const attempts = row.failedAttempts + 1;
      db.transaction(() => {
        db.identities.recordFailure(row.keyid, now().toISOString());
        audit.record({
          kind: 'identity.unlock-failed',
          actor: row.name,
          summary: `Failed unlock of "${row.name}" (attempt ${attempts}).`,
          details: { keyid: row.keyid, name: row.name, failedAttempts: attempts },
        });
      });
      const next = Math.round(unlockDelayMs(attempts, firstDelayMs) / 1000);
      throw new DeskError(
        'WRONG_PASSPHRASE',
        `The passphrase does not open the key of "${row.name}". The next attempt waits ${next} s.`,
      );
    }
    if (key.keyid !== row.keyid || keyIdOf(key.publicKey) !== row.keyid) {
      key.wipe();
      throw mismatch(row);
    }
    service.lock();
    const session: Session = { ...view(row), unlockedAt: now().toISOString() };
    current = { session, key, lastActivity: now().getTime() };
    db.transaction(() => {
      db.identities.clearFailures(row.keyid);
      audit.record({
        kind: 'identity.unlocked',
        actor: row.name,
        summary: `"${row.name}" unlocked the workstation.`,
        details: { keyid: row.keyid, roles: session.roles },
      });
    });
    return session;
  };

  const service: IdentityService = {
    idleLockMs,

    enrol: (secretKeyFile) => {
      const parsed = SecretKeyFileSchema.safeParse(secretKeyFile);
      if (!parsed.success) {
        throw new DeskError(
          'INVALID_KEY_FILE',
          'That is not a Designation Desk secret key file. Nothing was changed.',
        );
      }
      const { keyid, name } = parsed.data;
      if (rolesOf(keyid).length === 0) {
        throw new DeskError(
          'NOT_IN_ROSTER',
          `The key "${name}" holds no role in the trust roster; add it to the roster first. Nothing was changed.`,
        );
      }
      if (db.identities.byKeyid(keyid) !== undefined) {
        throw new DeskError(
          'ALREADY_ENROLLED',
          `The key "${name}" is already enrolled. Nothing was changed.`,
        );
      }
      db.transaction(() => {
        db.identities.insert({
          keyid,
          name,
          sealedKey: JSON.stringify(parsed.data),
          enrolledAt: now().toISOString(),
        });
        audit.record({
          kind: 'identity.enrolled',
          actor: name,
          summary: `Identity "${name}" enrolled.`,
          details: { keyid, name, roles: rolesOf(keyid) },
        });
      });
      return view({ keyid, name });
    },

    list: () => db.identities.all().map(view),

    unlock: async (nameOrKeyid, passphrase, options = {}) => {
      const { keyid } = find(nameOrKeyid);
      return queue.run(keyid, () => attempt(keyid, passphrase, options));
    },

    lock: (reason = 'user') => {
      if (current === null) return;
      const { session, key } = current;
      key.wipe();
      current = null;
      audit.record({
        kind: 'identity.locked',
        actor: session.name,
        summary:
          reason === 'idle'
            ? `Session of "${session.name}" locked after inactivity.`
            : `"${session.name}" locked the workstation.`,
        details: { keyid: session.keyid, reason },
      });
    },

    session: () => {
      if (current !== null && now().getTime() - current.lastActivity > idleLockMs)
        service.lock('idle');
      return current?.session ?? null;
    },

    touch: () => {
      if (service.session() !== null && current !== null) current.lastActivity = now().getTime();
    },

    unlockedKey: () => (service.session() === null ? null : (current?.key ?? null)),

    requireKey: (role) => {
      const session = service.session();
      if (session === null || current === null) {
        throw new DeskError(
          'LOCKED',
          'The workstation is locked; unlock it with your identity first.',
        );
      }
      // Roles are read from the roster now, not at unlock: a revocation takes effect at once.
      if (role !== undefined && !rolesOf(session.keyid).includes(role)) {
        throw new DeskError(
          'FORBIDDEN',
          `"${session.name}" does not hold the ${role} role in the trust roster.`,
        );
      }
      current.lastActivity = now().getTime();
      return current.key;
    },
  };
  return service;
}
