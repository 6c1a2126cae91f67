export {
  createSearchService,
  MAX_HITS,
  MAX_QUERY_CHARS,
  type SearchQuery,
  type SearchService,
  type TranscriptHit,
} from './search-service';
