import type { KeyboardEvent } from 'react';
import type { Header, RowData } from '@tanstack/react-table';
import type { Features } from './features';
import { MAX_COLUMN_SIZE, MIN_COLUMN_SIZE } from './columns';
import styles from './DataTable.module.css';

const RESIZE_STEP = 20;
const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;
const ARROW = { asc: '▲', desc: '▼' } as const;

/** A column header: a sort button when the column sorts, and a resize handle. */
export function HeaderCell<T extends RowData>({
  header,
  numeric,
}: {
  readonly header: Header<Features, T>;
  readonly numeric: boolean;
}) {
  const { column } = header;
  const label = String(column.columnDef.header);
  const sorted = column.getIsSorted();
  const resize = header.getResizeHandler();
  const resizeByKey = (event: KeyboardEvent) => {
    const delta = { ArrowLeft: -RESIZE_STEP, ArrowRight: RESIZE_STEP }[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    const size = Math.min(MAX_COLUMN_SIZE, Math.max(MIN_COLUMN_SIZE, column.getSize() + delta));
    header.getContext().table.setColumnSizing((old) => ({ ...old, [column.id]: size }));
  };
  return (
    <th
      scope="col"
      className={numeric ? styles.numeric : undefined}
      aria-sort={column.getCanSort() ? (sorted ? ARIA_SORT[sorted] : 'none') : undefined}
    >
      {column.getCanSort() ? (
        <button type="button" className={styles.sort} onClick={column.getToggleSortingHandler()}>
          {label}
          {sorted && (
            <span aria-hidden="true" className={styles.arrow}>
              {ARROW[sorted]}
            </span>
          )}
        </button>
      ) : (
        <span className={styles.label}>{label}</span>
      )}
      <span
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${label}`}
        aria-valuemin={MIN_COLUMN_SIZE}
        aria-valuemax={MAX_COLUMN_SIZE}
        aria-valuenow={column.getSize()}
        tabIndex={0}
        className={column.getIsResizing() ? styles.resizing : styles.resizer}
        onMouseDown={resize}
        onTouchStart={resize}
        onKeyDown={resizeByKey}
      />
    </th>
  );
}
