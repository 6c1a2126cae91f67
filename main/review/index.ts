/**
 * What counts of the imported evidence: an authority's quarantines, a reviewer's accepted
 * benchmark mappings, and each bundle's standing against the current roster.
 */
export {
  createReviewService,
  MAX_REASON_LENGTH,
  type MappingRef,
  type ReviewService,
} from './review-service';
export { readStandings, type Standings } from './standing';
