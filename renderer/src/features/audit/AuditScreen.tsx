import { useCallback, useMemo, useState, type SyntheticEvent } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { AUDIT_EVENT_KINDS, type AuditEvent } from '../../../../common/audit';
import { useDeskQuery } from '../../desk';
import { formatCount, formatUtc } from '../../format';
import {
  Button,
  CallFailed,
  DataTable,
  Field,
  Screen,
  parseSortParam,
  sortParam,
  type DataTableColumn,
  type Sorting,
} from '../../ui';
import styles from './Audit.module.css';

const route = getRouteApi('/audit');
const PAGE_SIZE = 50;
/** What the By column and filter call events no person did. */
const WORKSTATION = 'workstation';

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
  { id: 'actor', header: 'By', size: 160, value: (e) => e.actor ?? WORKSTATION },
  { id: 'summary', header: 'Summary', size: 480, value: (e) => e.summary },
];

/** Every security-relevant event, newest first, a page at a time. */
export function AuditScreen() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const beforeSeq = search.before ?? null;
  const filter = {
    kind: search.kind ?? null,
    actor: search.actor === undefined ? null : search.actor === WORKSTATION ? '' : search.actor,
    object: search.object || null,
  };
  const filtered = filter.kind !== null || filter.actor !== null || filter.object !== null;
  const page = useDeskQuery('listAuditEvents', { limit: PAGE_SIZE, beforeSeq, filter });
  const [draft, setDraft] = useState({
    kind: search.kind ?? '',
    actor: search.actor ?? '',
    object: search.object ?? '',
  });
  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    void navigate({
      search: (s) => ({
        ...s,
        before: undefined,
        kind: AUDIT_EVENT_KINDS.find((k) => k === draft.kind),
        actor: draft.actor.trim() || undefined,
        object: draft.object.trim() || undefined,
      }),
    });
  };
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
      <form
        className={styles.filter}
        role="search"
        aria-label="Filter the audit log"
        onSubmit={apply}
      >
        <Field label="Event">
          {(control) => (
            <select
              {...control}
              value={draft.kind}
              onChange={(e) => {
                setDraft({ ...draft, kind: e.target.value });
              }}
            >
              <option value="">Every kind</option>
              {AUDIT_EVENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="By" hint={`A person's name, or "${WORKSTATION}".`}>
          {(control) => (
            <input
              {...control}
              value={draft.actor}
              onChange={(e) => {
                setDraft({ ...draft, actor: e.target.value });
              }}
            />
          )}
        </Field>
        <Field label="Object" hint="A log, sample, file or threshold set the event names.">
          {(control) => (
            <input
              {...control}
              value={draft.object}
              onChange={(e) => {
                setDraft({ ...draft, object: e.target.value });
              }}
            />
          )}
        </Field>
        <Button type="submit">Filter</Button>
      </form>
      {page.isError && <CallFailed error={page.error} />}
      {page.isPending && <p aria-busy="true">Loading the audit log…</p>}
      {page.isSuccess && (
        <>
          <p role="status">
            {filtered
              ? `${formatCount(page.data.total)} ${page.data.total === 1 ? 'event matches' : 'events match'} the filter, newest first.`
              : `Every security-relevant event on this workstation, newest first. ${formatCount(page.data.total)} event${page.data.total === 1 ? '' : 's'} recorded.`}
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
