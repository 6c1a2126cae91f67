import { useCallback, useMemo } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { ModelSummary } from '../../../../common/models';
import { useDeskQuery } from '../../desk';
import { formatCount, formatUtcDate } from '../../format';
import {
  CallFailed,
  DataTable,
  EmptyState,
  Field,
  Screen,
  VisuallyHidden,
  parseSortParam,
  sortParam,
  type DataTableColumn,
  type Sorting,
} from '../../ui';
import styles from './Models.module.css';

const route = getRouteApi('/models');

const COLUMNS: readonly DataTableColumn<ModelSummary>[] = [
  { id: 'developer', header: 'Developer', size: 180, value: (m) => m.developer },
  { id: 'model', header: 'Model', size: 200, value: (m) => m.name },
  { id: 'version', header: 'Version', size: 140, value: (m) => m.version },
  {
    id: 'bundles',
    header: 'Bundles',
    size: 120,
    numeric: true,
    value: (m) => m.bundleCount,
    cell: (m) => formatCount(m.bundleCount),
  },
  {
    id: 'latest',
    header: 'Latest run',
    size: 130,
    value: (m) => m.latestRun,
    cell: (m) => <time dateTime={m.latestRun}>{formatUtcDate(m.latestRun)}</time>,
  },
  {
    id: 'dossier',
    header: 'Dossier',
    size: 170,
    cell: (m) => (
      <Link to="/models/$modelId" params={{ modelId: m.id }}>
        Open dossier<VisuallyHidden> of {m.name}</VisuallyHidden>
      </Link>
    ),
  },
];

/** Every model the imported evidence names; each opens its dossier. */
export function ModelsScreen() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const models = useDeskQuery('listModels', {});
  const setSorting = useCallback(
    (sorting: Sorting) => {
      void navigate({ search: (s) => ({ ...s, sort: sortParam(sorting) }) });
    },
    [navigate],
  );
  const sorting = useMemo(() => parseSortParam(search.sort), [search.sort]);
  return (
    <Screen title="Models">
      {models.isError && <CallFailed error={models.error} />}
      {models.isPending && <p aria-busy="true">Loading models…</p>}
      {models.isSuccess && models.data.models.length === 0 && (
        <EmptyState title="No models yet">
          <p>
            A model appears here once a verified result bundle that evaluates it has been imported
            from the <em>Inbox</em>. Its dossier gathers every bundle for the model and sets the
            evidence against the workstation&apos;s thresholds.
          </p>
        </EmptyState>
      )}
      {models.isSuccess && models.data.models.length > 0 && (
        <>
          <div className={styles.filter}>
            <Field label="Filter models">
              {(control) => (
                <input
                  {...control}
                  type="search"
                  value={search.q ?? ''}
                  onChange={(event) => {
                    const q = event.target.value;
                    void navigate({ search: (s) => ({ ...s, q: q || undefined }), replace: true });
                  }}
                />
              )}
            </Field>
          </div>
          <DataTable
            label="Models"
            rows={models.data.models}
            columns={COLUMNS}
            getRowId={(m) => String(m.id)}
            sorting={sorting}
            onSortingChange={setSorting}
            filter={search.q ?? ''}
            emptyMessage="No model matches the filter."
            onActivate={(m) => void navigate({ to: '/models/$modelId', params: { modelId: m.id } })}
          />
        </>
      )}
    </Screen>
  );
}
