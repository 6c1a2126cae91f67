import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTable, type RowData, type SortingState, type Updater } from '@tanstack/react-table';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { cellContent, toColumnDef, type DataTableColumn } from './columns';
import { features } from './features';
import { Spacer, useGridGeometry } from './geometry';
import { HeaderCell } from './HeaderCell';
import { nextRowIndex, withActiveRow } from './row-cursor';
import type { Sorting } from './sort-param';
import styles from './DataTable.module.css';

/** Kept in step with --header-height and --row-height in the CSS. */
const HEADER_HEIGHT = 40;
const ROW_ESTIMATE = 37;
const OVERSCAN = 8;

export interface DataTableProps<T extends RowData> {
  /** The grid's accessible name. */
  readonly label: string;
  readonly rows: readonly T[];
  readonly columns: readonly DataTableColumn<T>[];
  readonly getRowId: (row: T) => string;
  /** Controlled sort (screens keep it in the URL); internal when absent. */
  readonly sorting?: Sorting;
  readonly onSortingChange?: (sorting: Sorting) => void;
  /** Text every valued column is searched for (case-insensitive). */
  readonly filter?: string;
  /** The selected row (aria-selected); none when absent. */
  readonly selectedRowId?: string | null;
  /** Enter on the active row. */
  readonly onActivate?: (row: T) => void;
  /** The rows arrive sorted (by the caller's query): the headers set the sort, nothing reorders. */
  readonly sortedByCaller?: boolean;
  readonly emptyMessage?: string;
}

/**
 * A virtualised ARIA grid on TanStack Table and TanStack Virtual: sticky header, sort by
 * header (click or keyboard), resizable columns, and a keyboard row cursor (arrows, Page
 * Up/Down, Home/End; Enter activates) announced through aria-activedescendant. Geometry is
 * set through the CSSOM (custom properties), never a style attribute, which the CSP forbids.
 */
export function DataTable<T extends RowData>(props: DataTableProps<T>) {
  const { label, rows, columns, getRowId, filter, selectedRowId, onActivate } = props;
  const baseId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLTableElement>(null);
  const pressing = useRef(false);
  const [ownSorting, setOwnSorting] = useState<Sorting>([]);
  const sorting = props.sorting ?? ownSorting;
  const setSorting = props.onSortingChange ?? setOwnSorting;
  const [activeId, setActiveId] = useState<string | null>(null);

  const columnDefs = useMemo(() => columns.map((c) => toColumnDef(c)), [columns]);
  const table = useTable<typeof features, T>({
    features,
    columns: columnDefs,
    data: rows,
    getRowId: (row) => getRowId(row),
    state: { sorting: sorting as SortingState, globalFilter: filter ?? '' },
    onSortingChange: (updater: Updater<SortingState>) => {
      setSorting(typeof updater === 'function' ? updater(sorting as SortingState) : updater);
    },
    globalFilterFn: 'includesString',
    columnResizeMode: 'onChange',
    manualSorting: props.sortedByCaller === true,
  });
  const model = table.getRowModel().rows;
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const activeIndex = useMemo(
    () => (activeId === null ? -1 : model.findIndex((r) => r.id === activeId)),
    [model, activeId],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- read afresh on every render, never memoised
  const virtualizer = useVirtualizer({
    count: model.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: OVERSCAN,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (index) => model[index]?.id ?? index,
    rangeExtractor: (range) => withActiveRow(defaultRangeExtractor(range), activeIndex),
  });
  const items = virtualizer.getVirtualItems();
  const before = (items[0]?.start ?? HEADER_HEIGHT) - HEADER_HEIGHT;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? HEADER_HEIGHT);

  useGridGeometry(grid, { before, after, sizes: headers.map((h) => h.getSize()) });

  const moveTo = (index: number) => {
    const row = model[index];
    if (!row) return;
    setActiveId(row.id);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.target !== event.currentTarget) return;
    const active = model[activeIndex];
    if (event.key === 'Enter' && active && onActivate) {
      event.preventDefault();
      onActivate(active.original);
      return;
    }
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_ESTIMATE) - 2);
    const next = nextRowIndex(event.key, activeIndex, model.length, page);
    if (next === null) return;
    event.preventDefault();
    moveTo(next);
  };
  const rowDomId = (index: number) => `${baseId}-row-${index}`;

  return (
    <div ref={scroller} className={styles.scroller}>
      <table
        ref={grid}
        role="grid"
        className={styles.table}
        aria-label={label}
        aria-rowcount={model.length + 1}
        aria-activedescendant={activeIndex >= 0 ? rowDomId(activeIndex) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        // Tabbing in puts the cursor on the selected (or first) row; a click sets its own row
        // (focus arrives between mousedown and mouseup), without scrolling anywhere.
        onMouseDown={() => {
          pressing.current = true;
        }}
        onMouseUp={() => {
          pressing.current = false;
        }}
        onFocus={(event) => {
          if (event.target !== event.currentTarget || activeIndex >= 0 || pressing.current) return;
          const selected = selectedRowId ? model.findIndex((r) => r.id === selectedRowId) : -1;
          moveTo(Math.max(0, selected));
        }}
      >
        <colgroup>
          {headers.map((h) => (
            <col key={h.id} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {headers.map((h, i) => (
              <HeaderCell key={h.id} header={h} numeric={columns[i]?.numeric ?? false} />
            ))}
          </tr>
        </thead>
        <tbody>
          {before > 0 && <Spacer side="before" span={columns.length} />}
          {items.map((item) => {
            const row = model[item.index];
            if (!row) return null;
            return (
              <tr
                key={item.key}
                id={rowDomId(item.index)}
                ref={virtualizer.measureElement}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                aria-selected={selectedRowId === undefined ? undefined : row.id === selectedRowId}
                className={item.index === activeIndex ? styles.active : undefined}
                onClick={() => {
                  setActiveId(row.id);
                }}
              >
                {columns.map((column) => (
                  <td key={column.id} className={column.numeric ? styles.numeric : undefined}>
                    {cellContent(column, row.original)}
                  </td>
                ))}
              </tr>
            );
          })}
          {after > 0 && <Spacer side="after" span={columns.length} />}
          {model.length === 0 && (
            <tr aria-rowindex={2}>
              <td colSpan={columns.length} className={styles.empty}>
                {props.emptyMessage ?? 'Nothing to show.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
