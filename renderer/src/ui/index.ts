/** The kit: building blocks every screen composes. Styles are CSS Modules over tokens.css. */
export { Badge, type BadgeTone } from './Badge';
export { Button, type ButtonProps, type ButtonVariant } from './Button';
export {
  DataTable,
  parseSortParam,
  sortParam,
  type DataTableColumn,
  type DataTableProps,
  type Sorting,
} from './data-table';
export { Dialog } from './Dialog';
export { Field, type FieldControlProps } from './Field';
export { CallFailed, Notice, type NoticeTone } from './Notice';
export { Screen } from './Screen';
export { EmptyState, Section } from './Section';
export { Facts, Hint } from './Text';
export { VisuallyHidden } from './VisuallyHidden';
