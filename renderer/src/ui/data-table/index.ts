export { DataTable, type DataTableProps } from './DataTable';
export type { DataTableColumn } from './columns';
export { parseSortParam, sortParam, type ColumnSort, type Sorting } from './sort-param';
