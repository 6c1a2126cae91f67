import type { BundleSummary } from '../../../../common/bundles';
import { formatCount, formatUtcDate } from '../../format';
import type { DataTableColumn } from '../../ui';
import { evaluatorText } from './BundleMarks';

/** Columns every list of bundles shows alike (Inbox, dossier). */
export const BUNDLE_COLUMNS = {
  evaluator: {
    id: 'evaluator',
    header: 'Evaluator',
    size: 190,
    value: (b) => evaluatorText(b.evaluator),
  },
  finished: {
    id: 'finished',
    header: 'Run finished',
    size: 130,
    value: (b) => b.runFinishedOn,
    cell: (b) => <time dateTime={b.runFinishedOn}>{formatUtcDate(b.runFinishedOn)}</time>,
  },
  samples: {
    id: 'samples',
    header: 'Samples',
    size: 100,
    numeric: true,
    value: (b) => b.sampleCount,
    cell: (b) => formatCount(b.sampleCount),
  },
} as const satisfies Record<string, DataTableColumn<BundleSummary>>;
