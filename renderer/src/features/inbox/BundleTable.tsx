import { useMemo } from 'react';
import { standingMarks, type BundleSummary } from '../../../../common/bundles';
import { BUNDLE_COLUMNS, BundleMarks } from '../bundle-rows';
import {
  Badge,
  Button,
  DataTable,
  VisuallyHidden,
  type DataTableColumn,
  type Sorting,
} from '../../ui';

function hasWarnings(bundle: BundleSummary): boolean {
  return bundle.checks.some((c) => c.status === 'warn');
}

function statusText(bundle: BundleSummary): string {
  const verified = hasWarnings(bundle) ? 'Verified, with warnings' : 'Verified';
  return [verified, ...standingMarks(bundle.standing)].join(', ');
}

function modelName({ model }: BundleSummary): string {
  return `${model.developer} / ${model.name} @ ${model.version}`;
}

/** Every verified bundle; the selected one's report is open below. */
export function BundleTable({
  bundles,
  selected,
  onToggle,
  sorting,
  onSortingChange,
}: {
  readonly bundles: readonly BundleSummary[];
  readonly selected: number | undefined;
  readonly onToggle: (bundle: BundleSummary) => void;
  readonly sorting: Sorting;
  readonly onSortingChange: (sorting: Sorting) => void;
}) {
  const columns = useMemo<DataTableColumn<BundleSummary>[]>(
    () => [
      {
        id: 'status',
        header: 'Status',
        size: 240,
        value: statusText,
        cell: (b) => (
          <>
            {hasWarnings(b) ? (
              <Badge tone="warning" title="Some checks gave warnings: see the report">
                Verified, with warnings
              </Badge>
            ) : (
              <Badge tone="success">Verified</Badge>
            )}
            <BundleMarks bundle={b} />
          </>
        ),
      },
      { id: 'model', header: 'Model', size: 230, value: modelName },
      BUNDLE_COLUMNS.evaluator,
      {
        id: 'suite',
        header: 'Suite',
        size: 130,
        value: (b) => `${b.suite.name}${b.suite.version ? ` ${b.suite.version}` : ''}`,
      },
      BUNDLE_COLUMNS.finished,
      BUNDLE_COLUMNS.samples,
      {
        id: 'report',
        header: 'Report',
        size: 120,
        cell: (b) => (
          <Button
            variant="link"
            aria-expanded={b.id === selected}
            onClick={() => {
              onToggle(b);
            }}
          >
            {b.id === selected ? 'Hide report' : 'Show report'}
            <VisuallyHidden> for {b.fileName}</VisuallyHidden>
          </Button>
        ),
      },
    ],
    [selected, onToggle],
  );
  return (
    <DataTable
      label="Imported result bundles"
      rows={bundles}
      columns={columns}
      getRowId={(b) => String(b.id)}
      sorting={sorting}
      onSortingChange={onSortingChange}
      selectedRowId={selected === undefined ? null : String(selected)}
      onActivate={onToggle}
    />
  );
}
