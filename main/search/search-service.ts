/**
 * Full-text search over every transcript of every imported log (SQLite FTS5, filled at
 * import). What a person types is words, never FTS5 syntax: each word is quoted, so a
 * query cannot be an FTS5 syntax error or an operator, and every word must occur.
 */
import type { DeskDatabase } from '../../db';
import { DeskError } from '../../common/errors';
import { modelLabel, type ModelRef } from '../../common/models';
import { MAX_HITS, MAX_QUERY_CHARS, wordsOf, type TranscriptSearchView } from '../../common/search';
import { parseSampleFilter } from '../../common/sample-filter';
import { printable } from '../../common/text';
import { hitMessage } from './hit-message';

export { MAX_HITS, MAX_QUERY_CHARS };

export interface SearchQuery {
  readonly text: string;
  readonly model: ModelRef | null;
  readonly benchmark: string | null;
  /** The samples grid's filter language (has_error, includes == "C", …); "" for none. */
  readonly filter?: string;
  readonly limit: number;
}

type HitRow = ReturnType<DeskDatabase['search']['transcripts']>[number];

/** A matching transcript: where it is, a snippet, and the message the words are in. */
export type TranscriptHit = Omit<HitRow, 'sampleRow'> & {
  /** 0-based, as in the log's messages; null when not known (imported before 0011). */
  readonly messageIndex: number | null;
};

export interface SearchService {
  transcripts(query: SearchQuery): TranscriptHit[];
  /** The same search as the Search screen shows it: printable, and whether there is more. */
  view(query: SearchQuery): TranscriptSearchView;
}

export function createSearchService(db: DeskDatabase): SearchService {
  /** At most `rows` matches of a valid query (view() asks for one more than its limit). */
  const search = ({ text, model, benchmark, filter = '', limit }: SearchQuery, rows = limit) => {
    if (text.length > MAX_QUERY_CHARS)
      throw new DeskError('INVALID_ARGUMENT', `A search is at most ${MAX_QUERY_CHARS} characters.`);
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_HITS)
      throw new DeskError('INVALID_ARGUMENT', `The number of hits must be 1 to ${MAX_HITS}.`);
    const words = wordsOf(text);
    if (words.length === 0)
      throw new DeskError('INVALID_ARGUMENT', 'Search for at least one word.');
    const match = words.map((w) => `"${w.replaceAll('"', '""')}"`).join(' ');
    const matches = db.search.transcripts({
      match,
      model,
      benchmark,
      filter: sampleFilter(filter, model),
      limit: rows,
    });
    return { matches, words };
  };
  /**
   * Each hit with the message its words are in. Only the hits returned are read again, so
   * the cost is the page's, not the match's.
   */
  const located = (matches: readonly HitRow[], words: readonly string[]) =>
    matches.map(({ sampleRow, ...hit }): TranscriptHit => {
      const row = db.search.transcriptOf(sampleRow);
      const messageIndex = row ? hitMessage(row.transcript, row.messageStarts, words) : null;
      return { ...hit, messageIndex };
    });
  /** The filter read against the scorers of the samples searched (the model's, or all). */
  const sampleFilter = (text: string, model: ModelRef | null) => {
    const modelId = model && db.models.idOf(model.developer, model.name, model.version);
    const scorers =
      modelId === null || modelId === undefined
        ? db.samples.allScorers()
        : db.samples.scorers({ kind: 'model', modelId });
    const parsed = parseSampleFilter(text, { scorers, selectedScorer: scorers[0] ?? null });
    if (!parsed.ok) {
      throw new DeskError('INVALID_ARGUMENT', `${parsed.error.message} Nothing was searched.`);
    }
    return parsed.filter;
  };
  return {
    transcripts: (query) => {
      const { matches, words } = search(query);
      return located(matches, words);
    },
    view: (query) => {
      // One more than asked says whether there are more; only those shown are located.
      const { matches, words } = search(query, query.limit + 1);
      const hits = located(matches.slice(0, query.limit), words).map((hit) => ({
        modelId: hit.modelId,
        modelLabel: modelLabel(hit),
        bundleFile: printable(hit.bundleFile),
        logId: hit.logId,
        logPath: printable(hit.logPath),
        task: printable(hit.task),
        sampleId: printable(hit.sampleId),
        epoch: hit.epoch,
        messageIndex: hit.messageIndex,
        snippet: printable(hit.snippet.replaceAll('\n', ' ')),
      }));
      return { hits, more: matches.length > query.limit };
    },
  };
}
