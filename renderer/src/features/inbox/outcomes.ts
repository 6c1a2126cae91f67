import type { ImportOutcomeView } from '../../../../common/bundles';

export type RejectedOutcome = Extract<ImportOutcomeView, { status: 'rejected' }>;

/** What an import says once it is over: one sentence per bundle that was not rejected. */
export function importSummary(outcomes: readonly ImportOutcomeView[], skipped: number): string {
  const sentences = outcomes.flatMap((outcome) => {
    switch (outcome.status) {
      case 'rejected':
        return [];
      case 'cancelled':
        return [`Import of ${outcome.file} cancelled; nothing was imported.`];
      default:
        return [outcome.message];
    }
  });
  if (skipped > 0) {
    sentences.push(`${skipped} dropped file(s) were not .evbundle files and were left alone.`);
  }
  return sentences.join(' ');
}

export function rejectedOutcomes(outcomes: readonly ImportOutcomeView[]): RejectedOutcome[] {
  return outcomes.filter((o): o is RejectedOutcome => o.status === 'rejected');
}
