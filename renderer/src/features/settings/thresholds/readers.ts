import { READER_ROLES, type ReaderRole } from '../../../../../common/thresholds';
import type { RosterView } from '../../../../../common/trust';
import { useDeskQuery } from '../../../desk';

export type RosterKey = RosterView['keys'][number];

const READER_ROLE_SET: ReadonlySet<string> = new Set<ReaderRole>(READER_ROLES);

/** The roster's keys that may be given a threshold set to read. */
export function useReaderKeys(): readonly RosterKey[] {
  const roster = useDeskQuery('getTrustRoster', {});
  return (roster.data?.roster?.keys ?? []).filter((key) =>
    key.roles.some((role) => READER_ROLE_SET.has(role)),
  );
}
