import type { BundleSummary, LogSummary, MetricStatus } from '../../../../common/bundles';
import { formatCount, formatNumber, formatUtc } from '../../format';
import { DataTable, Hint, Section, type DataTableColumn } from '../../ui';
import { CheckList } from './CheckList';
import styles from './Inbox.module.css';
import {
  configuredLimitsText,
  durationText,
  limitsText,
  samplesText,
  sandboxText,
  usageText,
} from './run-text';

const AGREEMENT: Readonly<Record<MetricStatus, string>> = {
  match: 'Matches',
  differs: 'Differs',
  'not-recomputable': 'Not recomputable',
};

const STATUS: Readonly<Record<LogSummary['status'], string>> = {
  success: 'Finished',
  error: 'Error',
  cancelled: 'Cancelled',
  started: 'Not finished',
};

/** One row per log: how its run went. */
const RUN_COLUMNS: readonly DataTableColumn<LogSummary>[] = [
  { id: 'log', header: 'Log', size: 210, value: (l) => l.path },
  { id: 'task', header: 'Task', size: 130, value: (l) => l.task },
  { id: 'model', header: 'Inspect model', size: 210, value: (l) => l.model },
  { id: 'status', header: 'Run', size: 100, value: (l) => STATUS[l.status] },
  { id: 'samples', header: 'Samples', size: 160, value: samplesText },
  { id: 'limits', header: 'Limits hit', size: 160, value: (l) => limitsText(l.run) },
  { id: 'duration', header: 'Duration', size: 100, value: (l) => durationText(l.run) },
];

/** One row per log metric (or per log without one). */
interface MetricRow {
  readonly key: string;
  readonly path: string;
  readonly metric: string;
  readonly claimed: number | null;
  readonly recomputed: number | null;
  readonly agreement: string;
}

// Four digits: a claimed value that differs from its log in the fourth place must show it.
const REPORT_DIGITS = { digits: 4 };

const METRIC_COLUMNS: readonly DataTableColumn<MetricRow>[] = [
  { id: 'log', header: 'Log', size: 230, value: (r) => r.path },
  { id: 'metric', header: 'Metric', size: 280, value: (r) => r.metric },
  {
    id: 'claimed',
    header: 'Claimed',
    size: 110,
    numeric: true,
    value: (r) => r.claimed ?? Number.NEGATIVE_INFINITY,
    cell: (r) => formatNumber(r.claimed, REPORT_DIGITS),
  },
  {
    id: 'recomputed',
    header: 'Recomputed',
    size: 130,
    numeric: true,
    value: (r) => r.recomputed ?? Number.NEGATIVE_INFINITY,
    cell: (r) => formatNumber(r.recomputed, REPORT_DIGITS),
  },
  { id: 'agreement', header: 'Agreement', size: 160, value: (r) => r.agreement },
];

function metricRows(bundle: BundleSummary): MetricRow[] {
  return bundle.logs.flatMap((log) => {
    if (log.metrics.length === 0) {
      const partial = log.run?.partialMetrics ?? [];
      return [
        {
          key: log.path,
          path: log.path,
          metric:
            partial.length > 0
              ? `no metrics recorded; partial: ${partial.map((p) => `${p.scorer} mean ${formatNumber(p.mean)} over ${formatCount(p.n)}`).join(', ')}`
              : 'no metrics recorded',
          claimed: null,
          recomputed: null,
          agreement: '',
        },
      ];
    }
    return log.metrics.map((m) => ({
      key: `${log.path} ${m.scorer}/${m.metric}`,
      path: log.path,
      metric: `${m.scorer}/${m.metric}`,
      claimed: m.claimed,
      recomputed: m.recomputed,
      agreement: AGREEMENT[m.status],
    }));
  });
}

/** Everything else known of each run: plan, limits, sandbox, usage, times, its error. */
function RunDetails({ logs }: { readonly logs: readonly LogSummary[] }) {
  const known = logs.filter((l) => l.run !== null);
  if (known.length === 0) return null;
  return (
    <details className={styles.runDetails}>
      <summary>Run details of each log</summary>
      {known.map((log) =>
        log.run === null ? null : (
          <section key={log.path} aria-label={`Run of ${log.path}`}>
            <h4>{log.path}</h4>
            <dl className={styles.facts}>
              <dt>Plan</dt>
              <dd>{log.run.solvers.join(' → ') || 'not recorded'}</dd>
              <dt>Limits set</dt>
              <dd>{configuredLimitsText(log.run)}</dd>
              <dt>Epochs</dt>
              <dd>{log.run.epochs ?? 'not recorded'}</dd>
              <dt>Sandbox</dt>
              <dd>{sandboxText(log.run)}</dd>
              <dt>Tokens</dt>
              <dd>{usageText(log.run)}</dd>
              <dt>Ran</dt>
              <dd>
                {log.run.startedAt ?? '?'} to {log.run.completedAt ?? '?'} ({durationText(log.run)})
              </dd>
            </dl>
            {log.run.error && (
              <>
                <p className={styles.rejection}>Run error: {log.run.error.message}</p>
                {log.run.error.traceback && (
                  <pre className={styles.traceback}>{log.run.error.traceback}</pre>
                )}
              </>
            )}
          </section>
        ),
      )}
    </details>
  );
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
      <h3>Runs</h3>
      <DataTable
        label={`Runs in ${bundle.fileName}`}
        rows={bundle.logs}
        columns={RUN_COLUMNS}
        getRowId={(l) => l.path}
      />
      <RunDetails logs={bundle.logs} />
      <h3>Metrics</h3>
      <DataTable
        label={`Logs in ${bundle.fileName}`}
        rows={metricRows(bundle)}
        columns={METRIC_COLUMNS}
        getRowId={(r) => r.key}
      />
      <Hint>{formatCount(bundle.sampleCount)} samples in all.</Hint>
    </Section>
  );
}
