import { useId, useState, type KeyboardEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { callDesk } from '../desk-client';
import { useDesk } from '../use-desk';

/** Choose an identity, type its passphrase: the secret key is opened in the main process. */
export function LockScreen({
  onUnlocked,
  onCancel,
}: {
  readonly onUnlocked: () => void;
  readonly onCancel: () => void;
}) {
  const identityId = useId();
  const passphraseId = useId();
  const hintId = useId();
  const identities = useDesk('listIdentities', {});
  const [keyid, setKeyid] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [capsLock, setCapsLock] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (identities.state === 'loading') return <p aria-busy="true">Loading identities…</p>;
  if (identities.state === 'failed') return <ErrorNotice error={identities.error} />;
  const list = identities.value.identities;
  const chosen = keyid || list[0]?.keyid || '';

  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await callDesk('unlock', { keyid: chosen, passphrase });
    setPassphrase('');
    setBusy(false);
    if (result.ok) onUnlocked();
    else setError(result.error.message);
  };
  const watchCapsLock = (event: KeyboardEvent) => {
    setCapsLock(event.getModifierState('CapsLock'));
  };

  return (
    <section className="lock-screen" aria-labelledby="lock-title">
      <h2 id="lock-title">Unlock</h2>
      {list.length === 0 ? (
        <p>
          No identity is enrolled on this workstation. An administrator enrols reviewers,
          designation authorities and auditors with their sealed key files (
          <code>desk user add</code>); each then unlocks here with their passphrase.
        </p>
      ) : (
        <p>Choose your identity and type your passphrase. Your key stays on this workstation.</p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={identityId}>Identity</label>
        <select
          id={identityId}
          disabled={list.length === 0 || busy}
          value={chosen}
          onChange={(event) => {
            setKeyid(event.target.value);
          }}
        >
          {list.length === 0 && <option value="">No identities enrolled</option>}
          {list.map((identity) => (
            <option key={identity.keyid} value={identity.keyid}>
              {identity.name} ({identity.roles.join(', ') || 'no role'})
            </option>
          ))}
        </select>
        <label htmlFor={passphraseId}>Passphrase</label>
        <input
          id={passphraseId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          disabled={list.length === 0 || busy}
          value={passphrase}
          aria-describedby={capsLock ? hintId : undefined}
          onChange={(event) => {
            setPassphrase(event.target.value);
          }}
          onKeyDown={watchCapsLock}
          onKeyUp={watchCapsLock}
        />
        {capsLock && (
          <p id={hintId} className="hint caps-lock" role="status">
            Caps Lock is on.
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="primary"
            disabled={list.length === 0 || busy || passphrase.length === 0}
          >
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
          <button type="button" onClick={onCancel}>
            Back
          </button>
        </div>
      </form>
    </section>
  );
}
