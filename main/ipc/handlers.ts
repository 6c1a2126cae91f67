import path from 'node:path';
import type { BundleProgress, ImportOutcome } from '../bundles';
import type { Services } from '../workspace';
import type { Handlers } from './router';
import type { Shell } from './shell';

/** Binds each channel to the service that answers it. No business logic lives here. */
export function createHandlers(services: Services, shell: Shell): Handlers {
  return {
    getWorkstationStatus: () => services.workstation.status(),
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
  };
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
