import { useMemo, useState, type SyntheticEvent } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useDeskQuery } from '../../desk';
import { NoSuchModel } from '../models';
import { formatCount } from '../../format';
import {
  Button,
  CallFailed,
  DataTable,
  Field,
  Screen,
  Section,
  parseSortParam,
  sortParam,
  type Sorting,
} from '../../ui';
import { ColumnChooser } from './ColumnChooser';
import { metadataKeysOf, sampleColumns, sampleSortOf } from './sample-columns';
import styles from './Evidence.module.css';

const route = getRouteApi('/models/$modelId/evidence');

/** One page of a model version's samples: the most the channel gives at once. */
const PAGE = 1000;

/**
 * /models/:modelId/evidence: every sample of the model's counted and uncounted bundles,
 * filtered in Inspect View's language; the filter and sort are in the route, so a view can
 * be cited.
 */
export function EvidenceScreen() {
  const { modelId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const filter = search.filter ?? '';
  const [draft, setDraft] = useState(filter);
  const sorting = useMemo(() => parseSortParam(search.sort), [search.sort]);
  // The scorers name the score columns, and come with the first page; a sort by a score
  // column waits for them (the query sorts; the grid shows its order).
  const scorersQuery = useDeskQuery('listSamples', {
    scope: { kind: 'model', modelId },
    filter: '',
    sort: null,
    offset: 0,
    limit: 1,
  });
  const known = scorersQuery.data?.ok ? scorersQuery.data.scorers : [];
  const pageNumber = search.page ?? 0;
  const samples = useDeskQuery('listSamples', {
    scope: { kind: 'model', modelId },
    filter,
    sort: sampleSortOf(sorting, known, search.meta ?? []),
    offset: pageNumber * PAGE,
    limit: PAGE,
  });
  const page = samples.data;
  const scorers = page?.ok ? page.scorers : undefined;
  const columns = useMemo(
    () => sampleColumns(scorers ?? [], search.meta ?? [], search.hide ?? []),
    [scorers, search.meta, search.hide],
  );
  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    void navigate({
      search: (s) => ({ ...s, filter: draft.trim() || undefined, page: undefined }),
    });
  };
  const toPage = (n: number) => {
    void navigate({ search: (s) => ({ ...s, page: n === 0 ? undefined : n }) });
  };
  const models = useDeskQuery('listModels', {});
  if (models.isSuccess && !models.data.models.some((m) => m.id === modelId)) {
    return <NoSuchModel title="Evidence browser" modelId={modelId} />;
  }
  return (
    <Screen title="Evidence browser">
      <p>
        <Link to="/models/$modelId" params={{ modelId }}>
          Back to the dossier
        </Link>
      </p>
      <Section title="Samples" width="full">
        <form className={styles.filter} onSubmit={apply} role="search" aria-label="Filter samples">
          <Field
            label="Filter"
            hint='Inspect View&apos;s language: has_limit, includes == "C", tokens > 5000 and not has_error, metadata.category == "web", input_contains("flag").'
            error={page && !page.ok ? page.message : null}
          >
            {(control) => (
              <input
                {...control}
                className={styles.filterInput}
                value={draft}
                spellCheck={false}
                onChange={(e) => {
                  setDraft(e.target.value);
                }}
              />
            )}
          </Field>
          <Button type="submit">Apply</Button>
        </form>
        {samples.isError && (
          <CallFailed error={samples.error} title="Could not list the samples." />
        )}
        {samples.isPending && <p aria-busy="true">Loading the samples…</p>}
        {page?.ok && (
          <>
            <p className={styles.count} role="status">
              {page.total <= PAGE && pageNumber === 0
                ? `${formatCount(page.total)} samples${filter ? ' match the filter' : ''}.`
                : `Samples ${formatCount(Math.min(pageNumber * PAGE + 1, page.total))}–${formatCount(pageNumber * PAGE + page.rows.length)} of ${formatCount(page.total)}${filter ? ' that match the filter' : ''}.`}
            </p>
            {page.total > PAGE && (
              <nav className={styles.pager} aria-label="Pages of samples">
                <Button
                  disabled={pageNumber === 0}
                  onClick={() => {
                    toPage(pageNumber - 1);
                  }}
                >
                  Previous {formatCount(PAGE)}
                </Button>
                <Button
                  disabled={(pageNumber + 1) * PAGE >= page.total}
                  onClick={() => {
                    toPage(pageNumber + 1);
                  }}
                >
                  Next {formatCount(PAGE)}
                </Button>
              </nav>
            )}
            <ColumnChooser
              metadataKeys={metadataKeysOf(page.rows)}
              shown={search.meta ?? []}
              hidden={search.hide ?? []}
              onChange={({ shown, hidden }) => {
                void navigate({
                  search: (s) => ({
                    ...s,
                    meta: shown.length === 0 ? undefined : [...shown],
                    hide: hidden.length === 0 ? undefined : [...hidden],
                    // A sort by a column that moved or went would name another.
                    sort: undefined,
                  }),
                });
              }}
            />
            <DataTable
              label="Samples of this model"
              rows={page.rows}
              columns={columns}
              getRowId={(r) => String(r.id)}
              sorting={sorting}
              sortedByCaller
              onSortingChange={(next: Sorting) => {
                void navigate({
                  search: (s) => ({ ...s, sort: sortParam(next), page: undefined }),
                });
              }}
              onActivate={(r) => {
                void navigate({
                  to: '/logs/$logId/samples/$sampleId',
                  params: { logId: r.logId, sampleId: r.sampleId },
                  search: { epoch: r.epoch },
                });
              }}
            />
          </>
        )}
      </Section>
    </Screen>
  );
}
