import type { ModelEvaluation, RuleOutcome } from '../../../../../common/evaluation';
import { formatCount, formatNumber, formatSigned } from '../../../format';
import { DataTable, Hint, Named, type DataTableColumn } from '../../../ui';
import { basisText, INTERVAL_NAME, OUTCOME_TEXT, RULE_STATUS_TEXT } from '../../../vocabulary';
import { percentOf } from '../../../../../common/thresholds';
import { ruleMetricId, ruleMetricName } from './rule-names';
import { StrataTable } from './StrataTable';
import { ThresholdChart } from './ThresholdChart';
import styles from './Dossier.module.css';

type Evaluated = Extract<ModelEvaluation, { state: 'evaluated' }>;

const STATUS_CLASS: Readonly<Record<RuleOutcome['status'], string | undefined>> = {
  met: styles.met,
  'not-met': styles.notMet,
  'insufficient-evidence': styles.insufficient,
};

const OUTCOME_CLASS = {
  meets: styles.meets,
  'does-not-meet': styles.doesNotMeet,
  'insufficient-evidence': styles.undecided,
} as const;

function observed(rule: RuleOutcome): string {
  const method = rule.intervalMethod === null ? '' : `${INTERVAL_NAME[rule.intervalMethod]} `;
  const unit = rule.horizon === null ? '' : ' min';
  const interval = rule.interval
    ? ` (${method}${percentOf(rule.confidence ?? 0.95)} ${formatNumber(rule.interval[0])}–${formatNumber(rule.interval[1])}${unit})`
    : '';
  return `${formatNumber(rule.observed)}${rule.observed === null ? '' : unit}${interval}${rule.source === 'claimed-only' ? ' *' : ''}`;
}

/** "lower 95% bound ≥ 0.5"; for a horizon, "P50 horizon: lower 95% bound ≥ 60 min". */
function threshold(rule: RuleOutcome): string {
  const compared = `${basisText(rule.basis, rule.confidence)} ${rule.operator} ${formatNumber(rule.threshold)}`;
  return rule.horizon === null
    ? compared
    : `P${String(rule.horizon.quantile)} horizon: ${compared} min`;
}

const NO_VALUE = Number.NEGATIVE_INFINITY;

const COLUMNS: readonly DataTableColumn<RuleOutcome>[] = [
  {
    id: 'rule',
    header: 'Rule',
    size: 130,
    value: (r) => r.ruleId,
    cell: (r) => <code>{r.ruleId}</code>,
  },
  {
    id: 'benchmark',
    header: 'Benchmark / metric',
    size: 220,
    value: (r) => ruleMetricName(r),
    cell: (r) => <Named name={ruleMetricName(r)} id={ruleMetricId(r)} />,
  },
  {
    id: 'observed',
    header: 'Observed (interval)',
    size: 240,
    numeric: true,
    value: (r) => r.observed ?? NO_VALUE,
    cell: observed,
  },
  {
    id: 'threshold',
    header: 'Threshold',
    size: 220,
    value: threshold,
  },
  {
    id: 'margin',
    header: 'Margin',
    size: 120,
    numeric: true,
    value: (r) => r.margin ?? NO_VALUE,
    cell: (r) => formatSigned(r.margin),
  },
  {
    id: 'n',
    header: 'n',
    size: 80,
    numeric: true,
    value: (r) => r.n ?? NO_VALUE,
    cell: (r) => formatCount(r.n),
  },
  {
    id: 'status',
    header: 'Status',
    size: 170,
    value: (r) => RULE_STATUS_TEXT[r.status],
    cell: (r) => <span className={STATUS_CLASS[r.status]}>{RULE_STATUS_TEXT[r.status]}</span>,
  },
];

/** Every rule against its evidence, the outcome, a chart and the reasoning. */
export function EvaluationView({ result }: { readonly result: Evaluated }) {
  const { evaluation } = result;
  return (
    <>
      <p className={OUTCOME_CLASS[evaluation.outcome]} role="status">
        <strong>{OUTCOME_TEXT[evaluation.outcome]}.</strong> {evaluation.explanation}
      </p>
      <Hint>
        Threshold set {evaluation.thresholdSet.name} ({evaluation.thresholdSet.id}, version{' '}
        {evaluation.thresholdSet.version}); commitment{' '}
        <code>{result.commitment.slice(0, 16)}…</code>
      </Hint>
      <DataTable
        label="Rules against the evidence"
        rows={evaluation.rules}
        columns={COLUMNS}
        getRowId={(r) => r.ruleId}
      />
      {evaluation.rules.some((r) => r.source === 'claimed-only') && (
        <Hint>* Value as Inspect recorded it: it could not be recomputed from the samples.</Hint>
      )}
      {/* Horizons are minutes, not on the metrics' scale: the table and the strata show them. */}
      {evaluation.rules.some((r) => r.horizon === null) && (
        <ThresholdChart rules={evaluation.rules.filter((r) => r.horizon === null)} />
      )}
      <StrataTable rules={evaluation.rules} />
      <details className={styles.reasoning}>
        <summary>Reasoning for each rule</summary>
        <ul>
          {evaluation.rules.map((rule) => (
            <li key={rule.ruleId}>
              <code>{rule.ruleId}</code>: {rule.explanation}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
