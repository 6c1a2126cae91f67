import type { ReactNode } from 'react';
import type { ColumnDef, RowData } from '@tanstack/react-table';
import type { Features } from './features';

/** A DataTable column as screens describe it. */
export interface DataTableColumn<T extends RowData> {
  /** Stable id; it is what a sort param names. */
  readonly id: string;
  readonly header: string;
  /** What sorting and filtering use; a column without a value neither sorts nor filters. */
  readonly value?: (row: T) => string | number;
  /** What the cell shows; the value as text when absent. */
  readonly cell?: (row: T) => ReactNode;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
  /** Initial width in CSS pixels. */
  readonly size?: number;
}

export const MIN_COLUMN_SIZE = 60;
export const MAX_COLUMN_SIZE = 900;

export function toColumnDef<T extends RowData>(column: DataTableColumn<T>): ColumnDef<Features, T> {
  const { value } = column;
  const base = {
    id: column.id,
    header: column.header,
    size: column.size ?? 150,
    minSize: MIN_COLUMN_SIZE,
    maxSize: MAX_COLUMN_SIZE,
  };
  if (!value) return { ...base, enableSorting: false, enableGlobalFilter: false };
  return {
    ...base,
    accessorFn: (row: T) => value(row),
    enableSorting: true,
    enableGlobalFilter: true,
    sortFn: column.numeric ? 'basic' : 'alphanumeric',
  };
}

export function cellContent<T extends RowData>(column: DataTableColumn<T>, row: T): ReactNode {
  if (column.cell) return column.cell(row);
  return column.value ? String(column.value(row)) : null;
}
