import type { RosterView } from '../../../../common/trust';
import { useDeskQuery } from '../../desk';
import { formatUtc } from '../../format';
import { CallFailed, DataTable, Section, type DataTableColumn } from '../../ui';
import styles from './Settings.module.css';

type RosterKey = RosterView['keys'][number];

const COLUMNS: readonly DataTableColumn<RosterKey>[] = [
  { id: 'name', header: 'Key', size: 220, value: (k) => k.name },
  { id: 'roles', header: 'Roles', size: 160, value: (k) => k.roles.join(', ') },
  {
    id: 'fingerprint',
    header: 'Fingerprint (SHA-256 of the public key)',
    size: 620,
    value: (k) => k.keyid,
    cell: (k) => <code className={styles.fingerprint}>{k.keyid.match(/.{1,4}/g)?.join(' ')}</code>,
  },
];

/** The keys this workstation trusts, with fingerprints to compare out of band. */
export function RosterSettings() {
  const roster = useDeskQuery('getTrustRoster', {});
  return (
    <Section title="Trust roster" width="full">
      {roster.isError && <CallFailed error={roster.error} />}
      {roster.data?.roster === null && (
        <p>
          No trust roster is pinned on this workstation. The security officer pins its root keys
          with <code>desk init --root</code>, after comparing their fingerprints with the key
          holders out of band; the roster then names the keys of the labs, reviewers, designation
          authorities and auditors this workstation trusts.
        </p>
      )}
      {roster.data?.roster && (
        <>
          <p>
            Version {roster.data.roster.version}, installed{' '}
            <time dateTime={roster.data.roster.installedAt}>
              {formatUtc(roster.data.roster.installedAt)}
            </time>
            . Signatures required:{' '}
            {Object.entries(roster.data.roster.thresholds)
              .map(([name, n]) => `${name} ${n}`)
              .join(', ')}
            .
          </p>
          <DataTable
            label="Trusted keys"
            rows={roster.data.roster.keys}
            columns={COLUMNS}
            getRowId={(k) => k.keyid}
          />
        </>
      )}
    </Section>
  );
}
