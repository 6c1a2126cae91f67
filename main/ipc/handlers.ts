import path from 'node:path';
import type { ImportOutcomeView, ImportProgress } from '../../common/bundles';
import type { BatchOutcome } from '../bundles';
import type { Services } from '../workspace';
import { droppedFiles } from './dropped-files';
import { rateLimited } from './rate-limit';
import type { Handlers } from './router';
import type { Shell } from './shell';

export interface HandlerOptions {
  /** Milliseconds, for the rate limits (tests step it). */
  readonly clock?: () => number;
}

/** Binds each channel to the service that answers it: one call and the shaping of its value. */
export function createHandlers(
  services: Services,
  shell: Shell,
  { clock = Date.now }: HandlerOptions = {},
): Handlers {
  const { identities, thresholds } = services;
  // The import batches in progress, so cancelImport can stop them.
  const importing = new Set<AbortController>();
  const dropped = droppedFiles();
  const handlers: Handlers = asActivity(identities, {
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
    listAuditEvents: ({ limit, beforeSeq, filter }) =>
      services.audit.page(limit, beforeSeq, filter),
    listSamples: (request) => services.samples.page(request),
    listMetricNames: () => ({ metrics: services.evaluation.metricNames() }),
    compareVersions: ({ a, b }) => services.evaluation.compare(a, b),
    searchTranscripts: ({ filter = '', ...request }) =>
      services.search.view({ ...request, filter }),
    openSample: (key) => services.samples.open(key, identities.session()?.name ?? null),
    listBundles: () => ({
      bundles: services.bundles.list(),
      rejected: services.bundles.rejections(),
    }),
    registerDrop: ({ paths }) => {
      dropped.register(paths);
      return { registered: paths.length };
    },
    importBundles: async (request) => {
      if (request.source === 'drop') dropped.claim(request.paths);
      const files = request.source === 'dialog' ? await shell.chooseBundleFiles() : request.paths;
      const batch = new AbortController();
      importing.add(batch);
      try {
        const outcomes = await services.bundles.importBundles(files, {
          actor: identities.session()?.name ?? null,
          signal: batch.signal,
          onProgress: progressEmitter(shell),
        });
        return { outcomes: outcomes.map(outcomeView) };
      } finally {
        importing.delete(batch);
      }
    },
    judgeBundle: (request) => ({
      message:
        request.action === 'quarantine'
          ? services.review.quarantine(
              request.bundleId,
              request.reason,
              identities.requireKey('authority'),
            )
          : services.review.acceptMapping(
              {
                bundleId: request.bundleId,
                logPath: request.logPath,
                benchmark: request.benchmark,
              },
              request.reason,
              identities.requireKey('reviewer'),
            ),
    }),
    cancelImport: () => {
      const cancelling = importing.size > 0;
      for (const batch of importing) batch.abort();
      return { cancelling };
    },
    getTrustRoster: () => ({ roster: services.trust.view() }),
  });
  return rateLimited(handlers, clock);
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

/** What the renderer may see of an outcome: its file name, no paths or internal ids. */
function outcomeView(outcome: BatchOutcome): ImportOutcomeView {
  const file = path.basename(outcome.file);
  const { message } = outcome;
  switch (outcome.status) {
    case 'already-imported':
    case 'cancelled':
      return { status: outcome.status, file, message };
    case 'refused':
      // Nothing ran, so no check has a result; the sentence says why.
      return { status: 'rejected', file, message, checks: [] };
    case 'imported':
    case 'rejected':
      return { status: outcome.status, file, message, checks: outcome.checks };
  }
}

/** At most one progress event per phase change or per 1% of work, not one per chunk. */
function progressEmitter(shell: Shell): (progress: ImportProgress) => void {
  let lastFile = '';
  let lastPhase = '';
  let lastFraction = -1;
  return (progress) => {
    const fraction = progress.total > 0 ? progress.done / progress.total : 0;
    if (
      progress.file === lastFile &&
      progress.phase === lastPhase &&
      fraction - lastFraction < 0.01 &&
      fraction < 1
    )
      return;
    lastFile = progress.file;
    lastPhase = progress.phase;
    lastFraction = fraction;
    shell.emit('importProgress', { ...progress, file: path.basename(progress.file) });
  };
}
