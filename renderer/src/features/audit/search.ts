import { z } from 'zod';
import { AUDIT_EVENT_KINDS } from '../../../../common/audit';

/**
 * /audit?kind=evidence.sample-opened&actor=Dana%20Reviewer&object=doomla&before=120&sort=kind:asc:
 * which events (of a kind, by a person, naming an object), the page and its sort.
 */
export const AuditSearch = z.object({
  before: z.number().int().positive().optional().catch(undefined),
  sort: z.string().max(200).optional().catch(undefined),
  kind: z.enum(AUDIT_EVENT_KINDS).optional().catch(undefined),
  /** A person's name; "workstation" for the workstation's own events. */
  actor: z.string().max(200).optional().catch(undefined),
  object: z.string().max(200).optional().catch(undefined),
});
