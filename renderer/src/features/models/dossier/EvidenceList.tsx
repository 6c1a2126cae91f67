import { isExcluded, type BundleSummary } from '../../../../../common/bundles';
import type { ModelRef } from '../../../../../common/models';
import { useDeskQuery } from '../../../desk';
import { CallFailed, DataTable, Section, type DataTableColumn } from '../../../ui';
import { BUNDLE_COLUMNS, BundleMarks } from '../../bundle-rows';

const COLUMNS: readonly DataTableColumn<BundleSummary>[] = [
  { id: 'bundle', header: 'Bundle', size: 240, value: (b) => b.fileName },
  BUNDLE_COLUMNS.evaluator,
  BUNDLE_COLUMNS.finished,
  BUNDLE_COLUMNS.samples,
  {
    id: 'standing',
    header: 'Counts in evaluation',
    size: 320,
    value: (b) => (isExcluded(b.standing) ? 'No' : 'Yes'),
    cell: (b) => (
      <>
        {isExcluded(b.standing) ? 'No' : 'Yes'}
        <BundleMarks bundle={b} />
      </>
    ),
  },
];

function isOf(model: ModelRef, bundle: BundleSummary): boolean {
  const m = bundle.model;
  return m.developer === model.developer && m.name === model.name && m.version === model.version;
}

/** The model's verified bundles, with the marks that keep some out of the evaluation. */
export function EvidenceList({ model }: { readonly model: ModelRef }) {
  const list = useDeskQuery('listBundles', {});
  const bundles = list.data?.bundles.filter((b) => isOf(model, b)) ?? [];
  return (
    <Section title="Evidence" width="full">
      {list.isPending && <p aria-busy="true">Loading the evidence…</p>}
      {list.isError && <CallFailed error={list.error} title="Could not list the evidence." />}
      {list.data && (
        <DataTable
          label="Bundles of this model"
          rows={bundles}
          columns={COLUMNS}
          getRowId={(b) => String(b.id)}
        />
      )}
    </Section>
  );
}
