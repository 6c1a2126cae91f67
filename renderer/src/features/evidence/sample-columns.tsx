/**
 * The samples grid's columns, as Inspect View's: the sample, its status, input, target and
 * answer, one column per scorer, usage, times, retries, error and limit. Everything is text
 * from the evidence.
 */
import type { SampleField, SampleSort } from '../../../../common/sample-filter';
import type { SampleRowView } from '../../../../common/samples';
import { formatCount, formatNumber } from '../../format';
import type { DataTableColumn, Sorting } from '../../ui';
import { SampleLink } from '../samples';

const NONE = Number.NEGATIVE_INFINITY;

/** The first line of a text, for a one-line cell (the whole text on hover). */
function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

function scoreOf(row: SampleRowView, scorer: string) {
  return row.scores.find((s) => s.scorer === scorer);
}

/** A score as Inspect wrote it ("C", 0.3, a list): its JSON text, a string without quotes. */
function scoreText(value: string): string {
  const parsed: unknown = JSON.parse(value);
  return typeof parsed === 'string' ? parsed : value;
}

/** Columns a reviewer may hide (the sample itself always shows). */
export const HIDEABLE_COLUMNS = [
  ['log', 'Log'],
  ['epoch', 'Epoch'],
  ['status', 'Status'],
  ['input', 'Input'],
  ['target', 'Target'],
  ['answer', 'Answer'],
  ['tokens', 'Tokens'],
  ['time', 'Time'],
  ['working', 'Working time'],
  ['messages', 'Messages'],
  ['retries', 'Retries'],
  ['error', 'Error'],
  ['limit', 'Limit'],
] as const;

/** What the Status column says (the filter's `status`). */
function statusOf(row: SampleRowView): string {
  if (row.invalidated) return 'Invalidated';
  return row.error !== null ? 'Error' : row.limit !== null ? 'Limit' : 'Complete';
}

/**
 * The grid's columns: the built-in ones but those in `hidden`, one per scorer, and one per
 * metadata key in `metadata` (its value as the log wrote it).
 */
export function sampleColumns(
  scorers: readonly string[],
  metadata: readonly string[] = [],
  hidden: readonly string[] = [],
): DataTableColumn<SampleRowView>[] {
  return allColumns(scorers, metadata).filter((c) => !hidden.includes(c.id));
}

function allColumns(
  scorers: readonly string[],
  metadata: readonly string[],
): DataTableColumn<SampleRowView>[] {
  return [
    // The query cannot sort by log: the column shows it without sorting.
    { id: 'log', header: 'Log', size: 200, cell: (r) => r.logPath },
    {
      id: 'sample',
      header: 'Sample',
      size: 160,
      value: (r) => r.sampleId,
      cell: (r) => (
        <SampleLink logId={r.logId} sampleId={r.sampleId} epoch={r.epoch}>
          {r.sampleId}
        </SampleLink>
      ),
    },
    { id: 'epoch', header: 'Epoch', size: 80, numeric: true, value: (r) => r.epoch },
    { id: 'status', header: 'Status', size: 100, value: statusOf },
    {
      id: 'input',
      header: 'Input',
      size: 280,
      value: (r) => r.input,
      cell: (r) => <span title={r.input}>{firstLine(r.input)}</span>,
    },
    { id: 'target', header: 'Target', size: 140, value: (r) => firstLine(r.target) },
    // Inspect View's answer is the selected scorer's: here the first scorer's (the filter's).
    ...(scorers[0] === undefined
      ? []
      : [
          {
            id: 'answer',
            header: 'Answer',
            size: 160,
            value: (r: SampleRowView) => firstLine(scoreOf(r, scorers[0] ?? '')?.answer ?? ''),
          },
        ]),
    // Scorer names are any text; a column id must fit a route's sort param (scoreColumnId).
    ...scorers.map((scorer, i): DataTableColumn<SampleRowView> => ({
      id: scoreColumnId(i),
      header: scorer,
      size: 120,
      value: (r) => scoreOf(r, scorer)?.numeric ?? NONE,
      cell: (r) => {
        const score = scoreOf(r, scorer);
        return score === undefined ? '—' : scoreText(score.value);
      },
    })),
    {
      id: 'tokens',
      header: 'Tokens',
      size: 110,
      numeric: true,
      value: (r) => r.tokens,
      cell: (r) => formatCount(r.tokens),
    },
    {
      id: 'time',
      header: 'Time (s)',
      size: 100,
      numeric: true,
      value: (r) => r.totalTime ?? NONE,
      cell: (r) => formatNumber(r.totalTime),
    },
    {
      id: 'working',
      header: 'Working (s)',
      size: 110,
      numeric: true,
      value: (r) => r.workingTime ?? NONE,
      cell: (r) => formatNumber(r.workingTime),
    },
    { id: 'messages', header: 'Messages', size: 110, numeric: true, value: (r) => r.messages },
    {
      id: 'retries',
      header: 'Retries',
      size: 90,
      numeric: true,
      value: (r) => r.retries ?? NONE,
      cell: (r) => (r.retries === null ? '—' : formatCount(r.retries)),
    },
    { id: 'error', header: 'Error', size: 200, value: (r) => firstLine(r.error ?? '') },
    { id: 'limit', header: 'Limit', size: 160, value: (r) => r.limit ?? '' },
    ...metadata.map((key, i): DataTableColumn<SampleRowView> => ({
      id: metadataColumnId(i),
      header: key,
      size: 140,
      value: (r) => {
        const value = metadataValue(r, key);
        return typeof value === 'boolean' ? String(value) : (value ?? '');
      },
      cell: (r) => {
        const value = metadataValue(r, key);
        return value === undefined ? '—' : String(value);
      },
    })),
  ];
}

function metadataValue(row: SampleRowView, key: string): string | number | boolean | undefined {
  return Object.hasOwn(row.metadata, key) ? row.metadata[key] : undefined;
}

function metadataColumnId(index: number): string {
  return `meta-${index}`;
}

/** The metadata keys of `rows`, each once, in the order first seen: what a column can show. */
export function metadataKeysOf(rows: readonly SampleRowView[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r.metadata)))];
}

function scoreColumnId(index: number): string {
  return `score-${index}`;
}

/** What the query sorts by for a column the grid's header sorts: every column but Log. */
const FIELD_OF_COLUMN: Readonly<Record<string, SampleField>> = {
  sample: 'id',
  epoch: 'epoch',
  status: 'status',
  input: 'input',
  target: 'target',
  tokens: 'tokens',
  time: 'duration',
  working: 'working_time',
  messages: 'messages',
  retries: 'retries',
  error: 'error',
  limit: 'limit',
};

/** The grid's first sort column as the query's sort; null for none (import order). */
export function sampleSortOf(
  sorting: Sorting,
  scorers: readonly string[],
  metadata: readonly string[] = [],
): SampleSort | null {
  const first = sorting[0];
  if (first === undefined) return null;
  const direction = first.desc ? 'desc' : 'asc';
  const field = Object.hasOwn(FIELD_OF_COLUMN, first.id) ? FIELD_OF_COLUMN[first.id] : undefined;
  if (field !== undefined) return { by: { kind: 'field', field }, direction };
  if (first.id === 'answer' && scorers[0] !== undefined)
    return { by: { kind: 'answer', scorer: scorers[0] }, direction };
  const key = metadata.find((_, i) => metadataColumnId(i) === first.id);
  if (key !== undefined) return { by: { kind: 'metadata', key }, direction };
  const scorer = scorers.findIndex((_, i) => scoreColumnId(i) === first.id);
  const name = scorers[scorer];
  return name === undefined ? null : { by: { kind: 'score', scorer: name, key: null }, direction };
}
