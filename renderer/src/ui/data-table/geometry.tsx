import { useLayoutEffect, type RefObject } from 'react';
import styles from './DataTable.module.css';

/**
 * Writes the grid's geometry as CSS custom properties through the CSSOM: the height of the
 * rows scrolled out above and below the window, and each column's width. The CSP
 * (style-src 'self') forbids style attributes; the CSSOM is allowed.
 */
export function useGridGeometry(
  grid: RefObject<HTMLTableElement | null>,
  { before, after, sizes }: { before: number; after: number; sizes: readonly number[] },
): void {
  const widths = sizes.join(' ');
  useLayoutEffect(() => {
    const element = grid.current;
    if (!element) return;
    const columns = widths.split(' ').map(Number);
    element.style.setProperty('--dt-before', `${Math.max(0, before)}px`);
    element.style.setProperty('--dt-after', `${Math.max(0, after)}px`);
    element.style.setProperty('--dt-width', `${columns.reduce((a, b) => a + b, 0)}px`);
    element.querySelectorAll('col').forEach((col, i) => {
      col.style.width = `${columns[i] ?? 0}px`;
    });
  }, [grid, before, after, widths]);
}

/** Stands in for the rows scrolled out of the window (height from the custom properties). */
export function Spacer({
  side,
  span,
}: {
  readonly side: 'before' | 'after';
  readonly span: number;
}) {
  return (
    <tr aria-hidden="true" className={side === 'before' ? styles.before : styles.after}>
      <td colSpan={span} />
    </tr>
  );
}
