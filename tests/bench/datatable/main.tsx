/**
 * The page the DataTable benchmark opens: the renderer's DataTable (and its tokens) on
 * 100,000 rows, driven from tests/bench/datatable.bench.ts through window.deskBench.
 */
import '../../../renderer/src/ui/tokens.css';
import '../../../renderer/src/ui/base.css';
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { DataTable, type DataTableColumn } from '../../../renderer/src/ui';
import { sampleRows, type SampleRow } from './rows';

const ROWS = sampleRows(100_000);
const COLUMNS: readonly DataTableColumn<SampleRow>[] = [
  { id: 'sample', header: 'Sample', size: 160, value: (r) => r.sample },
  { id: 'task', header: 'Task', size: 200, value: (r) => r.task },
  { id: 'model', header: 'Model', size: 200, value: (r) => r.model },
  { id: 'score', header: 'Score', size: 120, numeric: true, value: (r) => r.score },
  { id: 'status', header: 'Status', size: 120, value: (r) => r.status },
];

let setFilterFromBench: (filter: string) => void = () => undefined;

function Bench() {
  const [filter, setFilter] = useState('');
  useEffect(() => {
    setFilterFromBench = setFilter;
  }, []);
  return (
    <DataTable
      label="Samples"
      rows={ROWS}
      columns={COLUMNS}
      getRowId={(r) => String(r.id)}
      filter={filter}
    />
  );
}

/** Resolves once the frame after the next has started: the previous one was painted. */
function painted(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      requestAnimationFrame(() => {
        resolve();
      });
    });
  });
}

async function timed(name: string, change: () => void): Promise<number> {
  performance.mark(`${name}:start`);
  change();
  await painted();
  performance.mark(`${name}:painted`);
  return performance.measure(name, `${name}:start`, `${name}:painted`).duration;
}

const container = document.getElementById('root') as HTMLElement;
let root: Root | null = null;

function firstCells(): string[] {
  return [...container.querySelectorAll('tbody tr[data-index]')]
    .slice(0, 3)
    .map((row) => row.children.item(0)?.textContent ?? '');
}

const api = {
  rowCount: ROWS.length,
  /** Mounts a fresh table: mount to first rows painted. */
  mount: () =>
    timed('mount', () => {
      root?.unmount();
      root = createRoot(container);
      flushSync(() => {
        root?.render(<Bench />);
      });
    }),
  /** Clicks a column header's sort button: click to sorted rows painted. */
  sort: (header: string) =>
    timed('sort', () => {
      const button = [...container.querySelectorAll('th button')].find((b) =>
        b.textContent.startsWith(header),
      );
      if (!(button instanceof HTMLElement)) throw new Error(`No sortable column "${header}".`);
      button.click();
    }),
  /** Sets the filter text: change to filtered rows painted. */
  filter: (text: string) =>
    timed('filter', () => {
      flushSync(() => {
        setFilterFromBench(text);
      });
    }),
  renderedRows: () => container.querySelectorAll('tbody tr[data-index]').length,
  ariaRowCount: () => container.querySelector('[role="grid"]')?.getAttribute('aria-rowcount'),
  firstCells,
};

declare global {
  interface Window {
    deskBench: typeof api;
  }
}
window.deskBench = api;
