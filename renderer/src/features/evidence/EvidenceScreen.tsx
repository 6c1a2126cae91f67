import { useMemo, useState, type SyntheticEvent } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useDeskQuery } from '../../desk';
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
import { sampleColumns } from './sample-columns';
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
  const samples = useDeskQuery('listSamples', {
    scope: { kind: 'model', modelId },
    filter,
    sort: null,
    offset: 0,
    limit: PAGE,
  });
  const page = samples.data;
  const scorers = page?.ok ? page.scorers : undefined;
  const columns = useMemo(() => sampleColumns(scorers ?? []), [scorers]);
  const sorting = useMemo(() => parseSortParam(search.sort), [search.sort]);
  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    void navigate({ search: (s) => ({ ...s, filter: draft.trim() || undefined }) });
  };
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
              {page.total === page.rows.length
                ? `${formatCount(page.total)} samples${filter ? ' match the filter' : ''}.`
                : `The first ${formatCount(page.rows.length)} of ${formatCount(page.total)} samples${filter ? ' that match the filter' : ''}; narrow the filter to see the rest.`}
            </p>
            <DataTable
              label="Samples of this model"
              rows={page.rows}
              columns={columns}
              getRowId={(r) => String(r.id)}
              sorting={sorting}
              onSortingChange={(next: Sorting) => {
                void navigate({ search: (s) => ({ ...s, sort: sortParam(next) }) });
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
