import { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import { DataTable, type DataTableColumn, type Sorting } from '.';
import { stubTableLayout } from '../../../../tests/support/jsdom-layout';

interface Sample {
  readonly id: number;
  readonly task: string;
  readonly score: number;
}

const ROWS: readonly Sample[] = Array.from({ length: 100_000 }, (_, i) => ({
  id: i,
  task: `task-${String(i).padStart(6, '0')}`,
  // A permutation of 0..99999, so every score is distinct and the sort is checkable.
  score: (i * 7919) % 100_000,
}));
const COLUMNS: readonly DataTableColumn<Sample>[] = [
  { id: 'task', header: 'Task', value: (r) => r.task },
  { id: 'score', header: 'Score', value: (r) => r.score, numeric: true },
];

function Table({
  filter,
  onActivate = () => undefined,
}: {
  readonly filter?: string;
  readonly onActivate?: (row: Sample) => void;
}) {
  const [sorting, setSorting] = useState<Sorting>([]);
  return (
    <DataTable
      label="Samples"
      rows={ROWS}
      columns={COLUMNS}
      getRowId={(r) => String(r.id)}
      sorting={sorting}
      onSortingChange={setSorting}
      onActivate={onActivate}
      {...(filter === undefined ? {} : { filter })}
    />
  );
}

stubTableLayout();

const dataRows = () => screen.getAllByRole('row').filter((r) => r.hasAttribute('data-index'));
const activeRow = () => {
  const id = screen.getByRole('grid').getAttribute('aria-activedescendant');
  return id === null ? null : document.getElementById(id);
};

// Functional checks on a realistic size; jsdom sorts 100,000 rows in well under a second on
// a quiet machine, but CI shares two cores, so the limit is generous (speed is the bench's job).
describe('DataTable with 100,000 rows', { timeout: 60_000 }, () => {
  test('renders only a window of rows, and says how many there are', () => {
    render(<Table />);
    const grid = screen.getByRole('grid', { name: 'Samples' });
    expect(grid).toHaveAttribute('aria-rowcount', '100001');
    const rendered = dataRows();
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(60);
    expect(rendered[0]).toHaveAttribute('aria-rowindex', '2');
    expect(rendered[0]).toHaveTextContent('task-000000');
  });

  test('sorts by a header, says so with aria-sort, and cycles back to unsorted', async () => {
    const user = userEvent.setup();
    render(<Table />);
    const header = screen.getByRole('columnheader', { name: /Score/ });
    expect(header).toHaveAttribute('aria-sort', 'none');
    await user.click(within(header).getByRole('button', { name: /Score/ }));
    // Numbers sort largest first.
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(within(dataRows()[0] as HTMLElement).getByText('99999')).toBeInTheDocument();
    await user.click(within(header).getByRole('button', { name: /Score/ }));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(within(dataRows()[0] as HTMLElement).getByText('0')).toBeInTheDocument();
    await user.click(within(header).getByRole('button', { name: /Score/ }));
    expect(header).toHaveAttribute('aria-sort', 'none');
    expect(dataRows()[0]).toHaveTextContent('task-000000');
  });

  test('moves the active row with the keyboard and activates it with Enter', async () => {
    const user = userEvent.setup();
    const activated: Sample[] = [];
    render(<Table onActivate={(row) => activated.push(row)} />);
    await user.tab();
    expect(screen.getByRole('grid')).toHaveFocus();
    expect(activeRow()).toHaveAttribute('aria-rowindex', '2');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(activeRow()).toHaveTextContent('task-000002');
    await user.keyboard('{ArrowUp}');
    expect(activeRow()).toHaveTextContent('task-000001');
    await user.keyboard('{End}');
    expect(activeRow()).toHaveAttribute('aria-rowindex', '100001');
    expect(activeRow()).toHaveTextContent('task-099999');
    await user.keyboard('{PageUp}');
    const afterPageUp = Number(activeRow()?.getAttribute('aria-rowindex') ?? '');
    expect(afterPageUp).toBeLessThan(100001);
    expect(afterPageUp).toBeGreaterThan(100001 - 30);
    await user.keyboard('{Home}{Enter}');
    expect(activated.map((r) => r.task)).toEqual(['task-000000']);
  });

  test('a click puts the cursor on the clicked row without scrolling; keys scroll to theirs', async () => {
    const user = userEvent.setup();
    // jsdom does not scroll: record the virtualizer's requests instead.
    const scrollTo = vi.fn();
    const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'scrollTo');
    Object.defineProperty(HTMLElement.prototype, 'scrollTo', {
      configurable: true,
      value: scrollTo,
    });
    onTestFinished(() => {
      if (original) Object.defineProperty(HTMLElement.prototype, 'scrollTo', original);
      else Reflect.deleteProperty(HTMLElement.prototype, 'scrollTo');
    });
    render(<Table />);
    scrollTo.mockClear();
    await user.click(screen.getByText('task-000005'));
    expect(activeRow()).toHaveTextContent('task-000005');
    expect(scrollTo).not.toHaveBeenCalled();
    await user.keyboard('{End}');
    expect(activeRow()).toHaveTextContent('task-099999');
    expect(scrollTo).toHaveBeenCalled();
  });

  test('filters on the text of every valued column', () => {
    render(<Table filter="task-09999" />);
    expect(screen.getByRole('grid')).toHaveAttribute('aria-rowcount', '11');
    expect(dataRows().map((r) => r.textContent.slice(0, 11))).toEqual(
      Array.from({ length: 10 }, (_, i) => `task-09999${i}`),
    );
  });

  test('resizes a column from the keyboard', async () => {
    const user = userEvent.setup();
    render(<Table />);
    const handle = screen.getByRole('separator', { name: 'Resize Task' });
    expect(handle).toHaveAttribute('aria-valuenow', '150');
    handle.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowLeft}');
    expect(handle).toHaveAttribute('aria-valuenow', '170');
  });
});
