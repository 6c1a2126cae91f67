/** The kit: building blocks every screen composes. Styles are CSS Modules over tokens.css. */
export { Badge } from './Badge';
export { Button } from './Button';
export {
  DataTable,
  parseSortParam,
  sortParam,
  type DataTableColumn,
  type Sorting,
} from './data-table';
export { Dialog } from './Dialog';
export { Field } from './Field';
export { Named } from './Named';
export { CallFailed, Notice, type NoticeTone } from './Notice';
export { Screen } from './Screen';
export { Tabs, type Tab } from './Tabs';
export { EmptyState, Section } from './Section';
export { Facts, Hint } from './Text';
export { VisuallyHidden } from './VisuallyHidden';
