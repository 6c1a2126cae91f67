import type { ResponseOf } from '../../../common/ipc';
import { ErrorNotice } from '../components/ErrorNotice';
import { ThresholdSets } from '../components/ThresholdSets';
import { useDesk } from '../use-desk';

type Status = ResponseOf<'getWorkstationStatus'>;
type Session = ResponseOf<'getSession'>['session'];

export function SettingsView({
  status,
  session,
  sessionKey,
}: {
  readonly status: Status;
  readonly session: Session;
  readonly sessionKey: string;
}) {
  return (
    <>
      <section aria-labelledby="settings-classification">
        <h2 id="settings-classification">Classification marking</h2>
        <dl className="facts">
          <dt>Marking</dt>
          <dd>
            <code>{status.classification.marking}</code>
          </dd>
          <dt>Level</dt>
          <dd>{status.classification.level}</dd>
          <dt>Controls</dt>
          <dd>{status.classification.controls.join(', ') || 'none'}</dd>
        </dl>
        <p className="hint">
          The marking is set when the workstation is initialised (<code>desk init</code>) and
          appears on every screen, memo and export.
        </p>
      </section>
      <section aria-labelledby="settings-workstation">
        <h2 id="settings-workstation">Workstation</h2>
        <dl className="facts">
          <dt>Initialised</dt>
          <dd>
            <time dateTime={status.initialisedAt}>{status.initialisedAt}</time> by version{' '}
            {status.initialisedByVersion}
          </dd>
          <dt>Running version</dt>
          <dd>{status.appVersion}</dd>
        </dl>
      </section>
      <SessionSection />
      <TrustRosterSection />
      <ThresholdSets key={sessionKey} session={session} />
    </>
  );
}

function TrustRosterSection() {
  const roster = useDesk('getTrustRoster', {});
  return (
    <section aria-labelledby="settings-roster">
      <h2 id="settings-roster">Trust roster</h2>
      {roster.state === 'failed' && <ErrorNotice error={roster.error} />}
      {roster.state === 'ready' && roster.value.roster === null && (
        <p>
          No trust roster is pinned on this workstation. The security officer pins its root keys
          with <code>desk init --root</code>, after comparing their fingerprints with the key
          holders out of band; the roster then names the keys of the labs, reviewers, designation
          authorities and auditors this workstation trusts.
        </p>
      )}
      {roster.state === 'ready' && roster.value.roster !== null && (
        <>
          <p>
            Version {roster.value.roster.version}, installed{' '}
            <time dateTime={roster.value.roster.installedAt}>
              {roster.value.roster.installedAt.replace('T', ' ').slice(0, 19)}
            </time>{' '}
            UTC. Signatures required:{' '}
            {Object.entries(roster.value.roster.thresholds)
              .map(([name, n]) => `${name} ${n}`)
              .join(', ')}
            .
          </p>
          <table className="data-table">
            <caption className="visually-hidden">Trusted keys</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Roles</th>
                <th scope="col">Fingerprint (SHA-256 of the public key)</th>
              </tr>
            </thead>
            <tbody>
              {roster.value.roster.keys.map((key) => (
                <tr key={key.keyid}>
                  <td>{key.name}</td>
                  <td>{key.roles.join(', ')}</td>
                  <td>
                    <code className="fingerprint">{key.keyid.match(/.{1,4}/g)?.join(' ')}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function SessionSection() {
  const session = useDesk('getSession', {});
  if (session.state !== 'ready') return null;
  return (
    <section aria-labelledby="settings-session">
      <h2 id="settings-session">Session</h2>
      <p>
        {session.value.session
          ? `Unlocked as ${session.value.session.name} (${session.value.session.roles.join(', ')}) since ${session.value.session.unlockedAt.replace('T', ' ').slice(0, 19)} UTC.`
          : 'Locked.'}{' '}
        The session locks itself after {session.value.idleLockMinutes} minutes without activity
        (start the app with <code>--idle-lock-minutes N</code> to change it).
      </p>
    </section>
  );
}
