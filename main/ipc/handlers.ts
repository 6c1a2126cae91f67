import path from 'node:path';
import type { BundleProgress, ImportOutcome } from '../bundles';
import type { PublicKey } from '../crypto';
import { DeskError } from '../errors';
import { READER_ROLES } from '../thresholds';
import type { Services } from '../workspace';
import type { Handlers } from './router';
import type { Shell } from './shell';

/** Binds each channel to the service that answers it. No business logic lives here. */
export function createHandlers(services: Services, shell: Shell): Handlers {
  const { identities } = services;
  return asActivity(identities, {
    getWorkstationStatus: () => services.workstation.status(),
    listIdentities: () => ({ identities: identities.list() }),
    getSession: () => ({
      session: identities.session(),
      idleLockMinutes: identities.idleLockMs / 60_000,
    }),
    unlock: async ({ keyid, passphrase }) => {
      const bytes = new TextEncoder().encode(passphrase);
      try {
        return { session: await identities.unlock(keyid, bytes) };
      } finally {
        bytes.fill(0);
      }
    },
    lock: () => {
      identities.lock();
      return { session: null };
    },
    listModels: () => ({ models: services.evaluation.models() }),
    listThresholdSets: () => ({ sets: services.thresholds.list() }),
    openThresholdSet: ({ id }) => {
      const { meta, document } = services.thresholds.open(id, 'latest', identities.requireKey());
      return { meta, document };
    },
    saveThresholdSet: ({ document, grantTo }) => {
      const author = identities.requireKey('authority');
      const recipients = grantTo.map((keyid) => readerKey(services, keyid));
      return { meta: services.thresholds.importSet(document, author, recipients) };
    },
    grantThresholdReader: ({ id, keyid }) => ({
      meta: services.thresholds.grant(
        id,
        identities.requireKey('authority'),
        readerKey(services, keyid),
      ),
    }),
    revokeThresholdReader: ({ id, keyid }) => ({
      meta: services.thresholds.revoke(id, identities.requireKey('authority'), keyid),
    }),
    evaluateModel: ({ model, setId }) => {
      if (identities.session() === null) return { state: 'locked' as const };
      const chosen = setId ?? services.thresholds.latestSetId();
      if (chosen === undefined) return { state: 'no-threshold-set' as const };
      try {
        const opened = services.thresholds.open(chosen, 'latest', identities.requireKey());
        return {
          state: 'evaluated' as const,
          commitment: opened.commitment,
          evaluation: services.evaluation.evaluate(model, opened.document),
        };
      } catch (error) {
        if (error instanceof DeskError && error.code === 'NOT_A_RECIPIENT') {
          return { state: 'not-granted' as const, setId: chosen };
        }
        throw error;
      }
    },
    listAuditEvents: ({ limit, beforeSeq }) => services.audit.page(limit, beforeSeq),
    listBundles: () => ({
      bundles: services.bundles.list(),
      rejected: services.bundles.rejections(),
    }),
    importBundles: async (request) => {
      const files = request.source === 'dialog' ? await shell.chooseBundleFiles() : request.paths;
      const outcomes = [];
      for (const file of files) {
        const name = path.basename(file);
        const outcome = await services.bundles.importBundle(file, progressEmitter(shell, name));
        outcomes.push(outcomeView(outcome, name));
      }
      return { outcomes };
    },
    getTrustRoster: () => {
      const roster = services.trust.current();
      if (roster === null) return { roster: null };
      const { document } = roster;
      return {
        roster: {
          version: document.version,
          digest: roster.digest,
          installedAt: roster.installedAt,
          thresholds: document.thresholds,
          keys: document.keys.map(({ name, keyid, roles }) => ({ name, keyid, roles })),
        },
      };
    },
  });
}

/** A key the roster lets read threshold sets (reviewer, authority, auditor). */
function readerKey(services: Services, keyid: string): PublicKey {
  for (const role of READER_ROLES) {
    const key = services.trust.keys(role).find((k) => k.keyid === keyid);
    if (key) return key;
  }
  throw new DeskError(
    'NOT_IN_ROSTER',
    `No reviewer, authority or auditor in the roster has key ${keyid.slice(0, 12)}…; nothing was changed.`,
  );
}

/** Every call but a session poll counts as activity and postpones the idle lock. */
function asActivity(identities: Services['identities'], handlers: Handlers): Handlers {
  const wrapped: Record<string, unknown> = {};
  for (const [channel, handler] of Object.entries(handlers) as [
    string,
    (...args: unknown[]) => unknown,
  ][]) {
    wrapped[channel] =
      channel === 'getSession'
        ? handler
        : (...args: unknown[]) => {
            identities.touch();
            return handler(...args);
          };
  }
  return wrapped as Handlers;
}

/** What the renderer may see of an outcome: no internal ids. */
function outcomeView(outcome: ImportOutcome, file: string) {
  return outcome.status === 'already-imported'
    ? { status: outcome.status, file, message: outcome.message }
    : { status: outcome.status, file, message: outcome.message, checks: outcome.checks };
}

/** At most one progress event per phase change or per 1% of work, not one per chunk. */
function progressEmitter(shell: Shell, file: string): (progress: BundleProgress) => void {
  let lastPhase = '';
  let lastFraction = -1;
  return (progress) => {
    const fraction = progress.total > 0 ? progress.done / progress.total : 0;
    if (progress.phase === lastPhase && fraction - lastFraction < 0.01 && fraction < 1) return;
    lastPhase = progress.phase;
    lastFraction = fraction;
    shell.emit('importProgress', { file, ...progress });
  };
}
