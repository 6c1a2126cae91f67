import { useDeskQuery, useSession } from '../../desk';
import { formatUtc } from '../../format';
import { CallFailed, Facts, Hint, Section } from '../../ui';

/** The marking, the workstation's versions and the session. */
export function WorkstationSettings() {
  const status = useDeskQuery('getWorkstationStatus', {});
  if (status.isError) return <CallFailed error={status.error} />;
  if (!status.data) return <p aria-busy="true">Loading…</p>;
  const { classification, initialisedAt, initialisedByVersion, appVersion } = status.data;
  return (
    <>
      <Section title="Classification marking">
        <Facts
          items={[
            ['Marking', <code key="marking">{classification.marking}</code>],
            ['Level', classification.level],
            ['Controls', classification.controls.join(', ') || 'none'],
          ]}
        />
        <Hint>
          The marking is set when the workstation is initialised (<code>desk init</code>) and
          appears on every screen, memo and export.
        </Hint>
      </Section>
      <Section title="Workstation">
        <Facts
          items={[
            [
              'Initialised',
              <span key="initialised">
                <time dateTime={initialisedAt}>{formatUtc(initialisedAt)}</time> by version{' '}
                {initialisedByVersion}
              </span>,
            ],
            ['Running version', appVersion],
          ]}
        />
      </Section>
      <SessionSection />
    </>
  );
}

function SessionSection() {
  const { data } = useSession();
  if (!data) return null;
  const { session, idleLockMinutes } = data;
  return (
    <Section title="Session">
      <p>
        {session
          ? `Unlocked as ${session.name} (${session.roles.join(', ')}) since ${formatUtc(session.unlockedAt)}.`
          : 'Locked.'}{' '}
        The session locks itself after {idleLockMinutes} minutes without activity (start the app
        with <code>--idle-lock-minutes N</code> to change it).
      </p>
    </Section>
  );
}
