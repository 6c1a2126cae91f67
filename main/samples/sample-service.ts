/**
 * The samples grid's use case: one page of a log's, a bundle's or a model version's samples
 * under a filter a reviewer typed. The filter is parsed against the scope's scorers (a bare
 * name must be a field or one of them) and compiled to SQL in db/samples; a filter that
 * cannot be read is an answer, not an error, so the grid can show where it went wrong.
 */
import type { DeskDatabase } from '../../db';
import type { SampleGridRow } from '../../db/samples';
import { parseSampleFilter } from '../../common/sample-filter';
import type { SamplePageRequest, SamplePageView, SampleRowView } from '../../common/samples';

export interface SampleService {
  page(request: SamplePageRequest): SamplePageView;
}

export function createSampleService(db: DeskDatabase): SampleService {
  return {
    page: ({ scope, filter: text, sort, offset, limit }) => {
      const scorers = db.samples.scorers(scope);
      const parsed = parseSampleFilter(text, { scorers, selectedScorer: scorers[0] ?? null });
      if (!parsed.ok) return { ok: false, ...parsed.error };
      const { rows, total } = db.samples.page({
        scope,
        filter: parsed.filter,
        sort,
        offset,
        limit,
      });
      return { ok: true, total, rows: rows.map(rowView), scorers };
    },
  };
}

function rowView(row: SampleGridRow): SampleRowView {
  return {
    id: row.id,
    logId: row.logId,
    logPath: row.logPath,
    task: row.task,
    sampleId: row.sampleId,
    epoch: row.epoch,
    input: row.inputPreview,
    target: row.targetPreview,
    error: row.errorPreview,
    limit: row.limitHit,
    messages: row.messageCount,
    tokens: row.totalTokens,
    totalTime: row.totalTime,
    workingTime: row.workingTime,
    metadata: metadataOf(row.metadata),
    scores: row.scores.map((s) => ({
      scorer: s.scorer,
      value: s.value,
      numeric: s.numeric,
      answer: s.answerPreview,
    })),
  };
}

/** A stored metadata object of scalars; anything else in the column shows as none. */
function metadataOf(json: string | null): SampleRowView['metadata'] {
  if (json === null) return {};
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string | number | boolean] =>
      ['string', 'number', 'boolean'].includes(typeof entry[1]),
    ),
  );
}
