export {
  createSearchService,
  MAX_HITS,
  MAX_QUERY_CHARS,
  type SearchQuery,
  type SearchService,
} from './search-service';
