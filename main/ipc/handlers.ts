import path from 'node:path';
import type { ImportOutcomeView } from '../../common/bundles';
import type { BundleProgress, ImportOutcome } from '../bundles';
import type { Services } from '../workspace';
import type { Handlers } from './router';
import type { Shell } from './shell';

/** Binds each channel to the service that answers it: one call and the shaping of its value. */
export function createHandlers(services: Services, shell: Shell): Handlers {
  const { identities, thresholds } = services;
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
    listThresholdSets: () => ({ sets: thresholds.list() }),
    openThresholdSet: ({ id }) => {
      const { meta, document } = thresholds.open(id, 'latest', identities.requireKey());
      return { meta, document };
    },
    saveThresholdSet: ({ document, grantTo }) => ({
      meta: thresholds.importSet(document, identities.requireKey('authority'), grantTo),
    }),
    grantThresholdReader: ({ id, keyid }) => ({
      meta: thresholds.grant(id, identities.requireKey('authority'), keyid),
    }),
    revokeThresholdReader: ({ id, keyid }) => ({
      meta: thresholds.revoke(id, identities.requireKey('authority'), keyid),
    }),
    evaluateModel: ({ model, setId }) =>
      services.evaluation.assess(model, setId, identities.unlockedKey()),
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
    cancelImport: () => ({ cancelling: false }),
    getTrustRoster: () => ({ roster: services.trust.view() }),
  });
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
function outcomeView(outcome: ImportOutcome, file: string): ImportOutcomeView {
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
