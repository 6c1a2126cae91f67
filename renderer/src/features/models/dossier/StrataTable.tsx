import { STRATA_MINUTES, type RuleOutcome, type Strata } from '../../../../../common/evaluation';
import { formatCount, formatNumber } from '../../../format';
import { DataTable, Hint, type DataTableColumn } from '../../../ui';

type WithStrata = RuleOutcome & { readonly strata: Strata };

const NO_VALUE = Number.NEGATIVE_INFINITY;

/** "40% of 5" for a bucket; a dash when it holds no task. */
function bucketText(bucket: Strata['buckets'][number] | undefined): string {
  if (bucket === undefined || bucket.successRate === null) return '—';
  return `${formatNumber(bucket.successRate * 100, { digits: 2 })}% of ${formatCount(bucket.tasks)}`;
}

const COLUMNS: readonly DataTableColumn<WithStrata>[] = [
  {
    id: 'rule',
    header: 'Rule',
    size: 130,
    value: (r) => r.ruleId,
    cell: (r) => <code>{r.ruleId}</code>,
  },
  ...STRATA_MINUTES.slice(1).map((to, i): DataTableColumn<WithStrata> => ({
    id: `bucket-${String(i)}`,
    header: `${String(STRATA_MINUTES[i] ?? 0)}–${String(to)} min`,
    size: 110,
    numeric: true,
    value: (r) => r.strata.buckets[i]?.successRate ?? NO_VALUE,
    cell: (r) => bucketText(r.strata.buckets[i]),
  })),
  {
    id: 'longest',
    header: 'Longest solved',
    size: 170,
    numeric: true,
    value: (r) => r.strata.longestSolved?.minutes ?? NO_VALUE,
    cell: (r) =>
      r.strata.longestSolved === null
        ? 'none'
        : `${formatNumber(r.strata.longestSolved.minutes)} min`,
  },
];

/**
 * Success by task length for the rules whose benchmark has a task reference: the share of
 * each bucket's tasks solved (epochs averaged) and the longest task some epoch solved.
 */
export function StrataTable({ rules }: { readonly rules: readonly RuleOutcome[] }) {
  const rows = rules.filter((r): r is WithStrata => r.strata !== null);
  if (rows.length === 0) return null;
  const references = [
    ...new Set(
      rows.map(
        (r) =>
          `${r.strata.reference.id} v${String(r.strata.reference.version)} (signed by ${r.strata.reference.signer})`,
      ),
    ),
  ];
  return (
    <>
      <DataTable
        label="Success by task length (human expert minutes)"
        rows={rows}
        columns={COLUMNS}
        getRowId={(r) => r.ruleId}
      />
      <Hint>
        Human times from task reference {references.join(', ')}. A bucket holds tasks from its lower
        length up to its upper; tasks outside 1–960 minutes, and samples without a human time (
        {formatCount(rows.reduce((n, r) => n + r.strata.unmatched, 0))}), are in no bucket.
      </Hint>
    </>
  );
}
