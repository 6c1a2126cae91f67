/**
 * Full-text search over every transcript of every imported log (SQLite FTS5, filled at
 * import). What a person types is words, never FTS5 syntax: each word is quoted, so a
 * query cannot be an FTS5 syntax error or an operator, and every word must occur.
 */
import type { DeskDatabase } from '../../db';
import type { TranscriptHitRow } from '../../db/search';
import { DeskError } from '../../common/errors';
import type { ModelRef } from '../../common/models';

export const MAX_QUERY_CHARS = 500;
export const MAX_HITS = 1000;

export interface SearchQuery {
  readonly text: string;
  readonly model: ModelRef | null;
  readonly benchmark: string | null;
  readonly limit: number;
}

export interface SearchService {
  transcripts(query: SearchQuery): TranscriptHitRow[];
}

export function createSearchService(db: DeskDatabase): SearchService {
  return {
    transcripts: ({ text, model, benchmark, limit }) => {
      if (text.length > MAX_QUERY_CHARS)
        throw new DeskError(
          'INVALID_ARGUMENT',
          `A search is at most ${MAX_QUERY_CHARS} characters.`,
        );
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_HITS)
        throw new DeskError('INVALID_ARGUMENT', `The number of hits must be 1 to ${MAX_HITS}.`);
      const words = text.split(/\s+/u).filter((w) => w !== '');
      if (words.length === 0)
        throw new DeskError('INVALID_ARGUMENT', 'Search for at least one word.');
      const match = words.map((w) => `"${w.replaceAll('"', '""')}"`).join(' ');
      return db.search.transcripts({ match, model, benchmark, limit });
    },
  };
}
