import type { BundleSummary, MetricStatus } from '../../../../common/bundles';
import { formatCount, formatNumber, formatUtc } from '../../format';
import { DataTable, Hint, Section, type DataTableColumn } from '../../ui';
import { CheckList } from './CheckList';

const AGREEMENT: Readonly<Record<MetricStatus, string>> = {
  match: 'Matches',
  differs: 'Differs',
  'not-recomputable': 'Not recomputable',
};

/** One row per log metric (or per log without one). */
interface LogRow {
  readonly key: string;
  readonly path: string;
  readonly task: string;
  readonly samples: number;
  readonly metric: string;
  readonly claimed: number | null;
  readonly recomputed: number | null;
  readonly agreement: string;
}

// Four digits: a claimed value that differs from its log in the fourth place must show it.
const REPORT_DIGITS = { digits: 4 };

const LOG_COLUMNS: readonly DataTableColumn<LogRow>[] = [
  { id: 'log', header: 'Log', size: 260, value: (r) => r.path },
  { id: 'task', header: 'Task', size: 150, value: (r) => r.task },
  { id: 'samples', header: 'Samples', size: 120, numeric: true, value: (r) => r.samples },
  { id: 'metric', header: 'Metric', size: 180, value: (r) => r.metric },
  {
    id: 'claimed',
    header: 'Claimed',
    size: 120,
    numeric: true,
    value: (r) => r.claimed ?? Number.NEGATIVE_INFINITY,
    cell: (r) => formatNumber(r.claimed, REPORT_DIGITS),
  },
  {
    id: 'recomputed',
    header: 'Recomputed',
    size: 140,
    numeric: true,
    value: (r) => r.recomputed ?? Number.NEGATIVE_INFINITY,
    cell: (r) => formatNumber(r.recomputed, REPORT_DIGITS),
  },
  { id: 'agreement', header: 'Agreement', size: 150, value: (r) => r.agreement },
];

function logRows(bundle: BundleSummary): LogRow[] {
  return bundle.logs.flatMap((log) => {
    const base = { path: log.path, task: log.task, samples: log.samples };
    if (log.metrics.length === 0) {
      return [
        {
          ...base,
          key: log.path,
          metric: 'no metrics recorded',
          claimed: null,
          recomputed: null,
          agreement: '',
        },
      ];
    }
    return log.metrics.map((m) => ({
      ...base,
      key: `${log.path} ${m.scorer}/${m.metric}`,
      metric: `${m.scorer}/${m.metric}`,
      claimed: m.claimed,
      recomputed: m.recomputed,
      agreement: AGREEMENT[m.status],
    }));
  });
}

export function VerificationReport({ bundle }: { readonly bundle: BundleSummary }) {
  const signers = bundle.signedBy.length;
  return (
    <Section title={`Verification report: ${bundle.fileName}`} width="full">
      <Hint>
        SHA-256 <code>{bundle.digest}</code>; signed by {signers} lab key{signers === 1 ? '' : 's'};
        imported <time dateTime={bundle.importedAt}>{formatUtc(bundle.importedAt)}</time>.
      </Hint>
      <CheckList checks={bundle.checks} label={`Checks for ${bundle.fileName}`} />
      <h3>Logs</h3>
      <DataTable
        label={`Logs in ${bundle.fileName}`}
        rows={logRows(bundle)}
        columns={LOG_COLUMNS}
        getRowId={(r) => r.key}
      />
      <Hint>{formatCount(bundle.sampleCount)} samples in all.</Hint>
    </Section>
  );
}
