import type { ImportOutcomeView } from '../../../../common/bundles';
import type { NoticeTone } from '../../ui';

export type RejectedOutcome = Extract<ImportOutcomeView, { status: 'rejected' }>;

export interface ImportNotice {
  readonly tone: Extract<NoticeTone, 'success' | 'warning' | 'error'>;
  readonly text: string;
}

/**
 * What an import says once it is over, each in its own tone: what was imported (success),
 * what was cancelled or left alone (warning). Rejections have their own dialog.
 */
export function importNotices(
  outcomes: readonly ImportOutcomeView[],
  skipped: number,
): ImportNotice[] {
  const done = outcomes
    .filter((o) => o.status === 'imported' || o.status === 'already-imported')
    .map((o) => o.message);
  const warnings = outcomes
    .filter((o) => o.status === 'cancelled')
    .map((o) => `Import of ${o.file} cancelled; nothing was imported.`);
  if (skipped > 0) {
    warnings.push(
      skipped === 1
        ? '1 dropped file was not an .evbundle file; it was left alone.'
        : `${skipped} dropped files were not .evbundle files; they were left alone.`,
    );
  }
  return [
    ...(done.length > 0 ? [{ tone: 'success' as const, text: done.join(' ') }] : []),
    ...(warnings.length > 0 ? [{ tone: 'warning' as const, text: warnings.join(' ') }] : []),
  ];
}

export function rejectedOutcomes(outcomes: readonly ImportOutcomeView[]): RejectedOutcome[] {
  return outcomes.filter((o): o is RejectedOutcome => o.status === 'rejected');
}
