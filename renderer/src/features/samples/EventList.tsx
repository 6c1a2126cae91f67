import { useMemo, useState } from 'react';
import type { EventView } from '../../../../common/transcripts';
import { formatCount, formatNumber } from '../../format';
import { Button, DataTable, type DataTableColumn } from '../../ui';
import { FoldedText } from './FoldedText';
import styles from './Sample.module.css';

function eventColumns(show: (index: number) => void): DataTableColumn<EventView>[] {
  return [
    { id: 'index', header: '#', size: 70, numeric: true, value: (e) => e.index + 1 },
    {
      id: 'working',
      header: 'Working time (s)',
      size: 150,
      numeric: true,
      value: (e) => e.workingStart ?? Number.NEGATIVE_INFINITY,
      cell: (e) => (e.workingStart === null ? '—' : formatNumber(e.workingStart)),
    },
    { id: 'type', header: 'Type', size: 130, value: (e) => e.type },
    {
      id: 'summary',
      header: 'What happened',
      size: 520,
      value: (e) => e.summary,
      cell: (e) => (
        <Button
          variant="link"
          onClick={() => {
            show(e.index);
          }}
        >
          {e.summary === '' ? e.type : e.summary}
        </Button>
      ),
    },
  ];
}

/** The sample's events, filterable by type; Enter or a click shows one event's detail. */
export function EventList({
  events,
  notShown,
  type,
  onTypeChange,
  find,
}: {
  readonly events: readonly EventView[];
  readonly notShown: number;
  readonly type: string | undefined;
  readonly onTypeChange: (type: string | undefined) => void;
  readonly find: string | undefined;
}) {
  const [selected, setSelected] = useState<number | null>(null);
  const columns = useMemo(() => eventColumns(setSelected), []);
  const types = useMemo(
    () => [...Map.groupBy(events, (e) => e.type)].map(([t, of]) => [t, of.length] as const),
    [events],
  );
  const shown = useMemo(
    () => (type === undefined ? events : events.filter((e) => e.type === type)),
    [events, type],
  );
  const detail = selected === null ? undefined : events[selected];
  return (
    <>
      <label className={styles.eventFilter}>
        Show{' '}
        <select
          value={type ?? ''}
          onChange={(e) => {
            onTypeChange(e.target.value === '' ? undefined : e.target.value);
          }}
        >
          <option value="">every event ({formatCount(events.length)})</option>
          {types.map(([t, n]) => (
            <option key={t} value={t}>
              {t} ({formatCount(n)})
            </option>
          ))}
        </select>
      </label>
      {notShown > 0 && (
        <p className={styles.meta}>
          The log holds {formatCount(notShown)} more events than the viewer lists.
        </p>
      )}
      <DataTable
        label="Events of this sample"
        rows={shown}
        columns={columns}
        getRowId={(e) => String(e.index)}
        selectedRowId={selected === null ? null : String(selected)}
        onActivate={(e) => {
          setSelected(e.index);
        }}
        emptyMessage="No events of this type."
      />
      {detail !== undefined && (
        <section className={styles.eventDetail} aria-label={`Event ${detail.index + 1}`}>
          <h3>
            Event {detail.index + 1}: {detail.type}
          </h3>
          <p className={styles.meta}>{detail.timestamp ?? 'No timestamp.'}</p>
          <p>{detail.summary}</p>
          {detail.detail === '' ? (
            <p className={styles.meta}>No more detail.</p>
          ) : (
            <FoldedText text={detail.detail} find={find} label={`event ${detail.index + 1}`} />
          )}
        </section>
      )}
    </>
  );
}
