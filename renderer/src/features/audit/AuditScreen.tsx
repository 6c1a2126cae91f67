import { useCallback, useMemo } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import type { AuditEvent } from '../../../../common/audit';
import { useDeskQuery } from '../../desk';
import { formatCount, formatUtc } from '../../format';
import {
  Button,
  CallFailed,
  DataTable,
  Screen,
  parseSortParam,
  sortParam,
  type DataTableColumn,
  type Sorting,
} from '../../ui';
import styles from './Audit.module.css';

const route = getRouteApi('/audit');
const PAGE_SIZE = 50;

const COLUMNS: readonly DataTableColumn<AuditEvent>[] = [
  { id: 'seq', header: '#', size: 70, numeric: true, value: (e) => e.seq },
  {
    id: 'recorded',
    header: 'Recorded',
    size: 210,
    value: (e) => e.recordedAt,
    cell: (e) => <time dateTime={e.recordedAt}>{formatUtc(e.recordedAt)}</time>,
  },
  {
    id: 'kind',
    header: 'Event',
    size: 200,
    value: (e) => e.kind,
    cell: (e) => <code>{e.kind}</code>,
  },
  { id: 'actor', header: 'By', size: 160, value: (e) => e.actor ?? 'workstation' },
  { id: 'summary', header: 'Summary', size: 480, value: (e) => e.summary },
];

/** Every security-relevant event, newest first, a page at a time. */
export function AuditScreen() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const beforeSeq = search.before ?? null;
  const page = useDeskQuery('listAuditEvents', { limit: PAGE_SIZE, beforeSeq });
  const sorting = useMemo(() => parseSortParam(search.sort), [search.sort]);
  const setSorting = useCallback(
    (next: Sorting) => {
      void navigate({ search: (s) => ({ ...s, sort: sortParam(next) }) });
    },
    [navigate],
  );
  const oldest = page.data?.events.at(-1)?.seq;
  return (
    <Screen title="Audit">
      {page.isError && <CallFailed error={page.error} />}
      {page.isPending && <p aria-busy="true">Loading the audit log…</p>}
      {page.isSuccess && (
        <>
          <p>
            Every security-relevant event on this workstation, newest first.{' '}
            {formatCount(page.data.total)} event{page.data.total === 1 ? '' : 's'} recorded.
          </p>
          <DataTable
            label="Audit log"
            rows={page.data.events}
            columns={COLUMNS}
            getRowId={(e) => String(e.seq)}
            sorting={sorting}
            onSortingChange={setSorting}
          />
          <div className={styles.pager}>
            {beforeSeq !== null && (
              <Button
                onClick={() => void navigate({ search: (s) => ({ ...s, before: undefined }) })}
              >
                Newest events
              </Button>
            )}
            {oldest !== undefined && oldest > 1 && (
              <Button onClick={() => void navigate({ search: (s) => ({ ...s, before: oldest }) })}>
                Older events
              </Button>
            )}
          </div>
        </>
      )}
    </Screen>
  );
}
