/**
 * The samples grid's columns, as Inspect View's: the sample, its input and target, one
 * column per scorer, usage, time, error and limit. Everything is text from the evidence.
 */
import { Link } from '@tanstack/react-router';
import type { SampleRowView } from '../../../../common/samples';
import { formatCount, formatNumber } from '../../format';
import type { DataTableColumn } from '../../ui';

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

export function sampleColumns(scorers: readonly string[]): DataTableColumn<SampleRowView>[] {
  return [
    { id: 'log', header: 'Log', size: 200, value: (r) => r.logPath },
    {
      id: 'sample',
      header: 'Sample',
      size: 160,
      value: (r) => r.sampleId,
      cell: (r) => (
        <Link
          to="/logs/$logId/samples/$sampleId"
          params={{ logId: r.logId, sampleId: r.sampleId }}
          search={{ epoch: r.epoch }}
        >
          {r.sampleId}
        </Link>
      ),
    },
    { id: 'epoch', header: 'Epoch', size: 80, numeric: true, value: (r) => r.epoch },
    {
      id: 'input',
      header: 'Input',
      size: 280,
      value: (r) => r.input,
      cell: (r) => <span title={r.input}>{firstLine(r.input)}</span>,
    },
    { id: 'target', header: 'Target', size: 140, value: (r) => firstLine(r.target) },
    ...scorers.map((scorer): DataTableColumn<SampleRowView> => ({
      id: `score:${scorer}`,
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
    { id: 'messages', header: 'Messages', size: 110, numeric: true, value: (r) => r.messages },
    { id: 'error', header: 'Error', size: 200, value: (r) => firstLine(r.error ?? '') },
    { id: 'limit', header: 'Limit', size: 160, value: (r) => r.limit ?? '' },
  ];
}
