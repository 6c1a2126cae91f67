import { useMemo } from 'react';
import type { ThresholdSetMeta } from '../../../../../common/thresholds';
import { formatCount, formatUtc } from '../../../format';
import { Button, DataTable, VisuallyHidden, type DataTableColumn } from '../../../ui';

const versionKey = (meta: ThresholdSetMeta) => `${meta.id}@${meta.version}`;

/** Every version of every set: metadata only, never a value. */
export function ThresholdSetTable({
  sets,
  isAuthority,
  managing,
  onNewVersion,
  onManageReaders,
}: {
  readonly sets: readonly ThresholdSetMeta[];
  readonly isAuthority: boolean;
  readonly managing: string | null;
  readonly onNewVersion: (meta: ThresholdSetMeta) => void;
  readonly onManageReaders: (id: string) => void;
}) {
  const columns = useMemo(() => {
    const latest = new Map(sets.map((m) => [m.id, m]));
    const all: DataTableColumn<ThresholdSetMeta>[] = [
      { id: 'set', header: 'Set', size: 160, value: (m) => m.id, cell: (m) => <code>{m.id}</code> },
      { id: 'version', header: 'Version', size: 120, numeric: true, value: (m) => m.version },
      {
        id: 'author',
        header: 'Author',
        size: 170,
        value: (m) => m.author.name ?? `${m.author.keyid.slice(0, 12)}…`,
      },
      {
        id: 'created',
        header: 'Created',
        size: 210,
        value: (m) => m.createdAt,
        cell: (m) => <time dateTime={m.createdAt}>{formatUtc(m.createdAt)}</time>,
      },
      {
        id: 'readers',
        header: 'Readers',
        size: 120,
        numeric: true,
        value: (m) => m.recipients.length,
        cell: (m) => formatCount(m.recipients.length),
      },
      {
        id: 'commitment',
        header: 'Commitment',
        size: 190,
        value: (m) => m.commitment,
        cell: (m) => <code>{m.commitment.slice(0, 16)}…</code>,
      },
    ];
    if (!isAuthority) return all;
    return [
      ...all,
      {
        id: 'change',
        header: 'Change',
        size: 210,
        cell: (m: ThresholdSetMeta) =>
          latest.get(m.id) === m && (
            <>
              <Button
                variant="link"
                onClick={() => {
                  onNewVersion(m);
                }}
              >
                New version<VisuallyHidden> of {m.id}</VisuallyHidden>
              </Button>{' '}
              <Button
                variant="link"
                aria-expanded={managing === m.id}
                onClick={() => {
                  onManageReaders(m.id);
                }}
              >
                Readers<VisuallyHidden> of {m.id}</VisuallyHidden>
              </Button>
            </>
          ),
      },
    ];
  }, [sets, isAuthority, managing, onNewVersion, onManageReaders]);
  return (
    <DataTable label="Threshold set versions" rows={sets} columns={columns} getRowId={versionKey} />
  );
}
