import { z } from 'zod';
import { MAX_FILTER_LENGTH } from '../../../../common/sample-filter';

/** /models/3/evidence?filter=has_limit&sort=tokens:desc: the grid's filter and sort, citable. */
export const EvidenceSearch = z.object({
  filter: z.string().max(MAX_FILTER_LENGTH).optional().catch(undefined),
  sort: z.string().max(200).optional().catch(undefined),
});
