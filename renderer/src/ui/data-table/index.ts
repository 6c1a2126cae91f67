export { DataTable } from './DataTable';
export type { DataTableColumn } from './columns';
export { parseSortParam, sortParam, type Sorting } from './sort-param';
