import type { ResponseOf } from '../../../main/ipc';

type Status = ResponseOf<'getWorkstationStatus'>;

export function SettingsView({ status }: { readonly status: Status }) {
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
      <section aria-labelledby="settings-roster">
        <h2 id="settings-roster">Trust roster</h2>
        <p>
          No trust roster is pinned on this workstation. The roster names the keys of the labs,
          reviewers, designation authorities and auditors this workstation trusts; its first root
          keys are pinned by the security officer, who compares their fingerprints out of band.
        </p>
      </section>
    </>
  );
}
