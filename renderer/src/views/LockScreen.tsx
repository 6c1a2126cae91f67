import { useId } from 'react';

/**
 * The lock screen. Identities are not enrolled on this workstation yet, so the form
 * explains that and stays disabled rather than pretending to unlock anything.
 */
export function LockScreen({ onCancel }: { readonly onCancel: () => void }) {
  const identityId = useId();
  const passphraseId = useId();
  return (
    <section className="lock-screen" aria-labelledby="lock-title">
      <h2 id="lock-title">Unlock</h2>
      <p>
        No identity is enrolled on this workstation. An administrator enrols reviewers, designation
        authorities and auditors with their sealed key files; each then unlocks here with their
        passphrase.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <label htmlFor={identityId}>Identity</label>
        <select id={identityId} disabled>
          <option>No identities enrolled</option>
        </select>
        <label htmlFor={passphraseId}>Passphrase</label>
        <input id={passphraseId} type="password" autoComplete="off" disabled />
        <div className="form-actions">
          <button type="submit" disabled>
            Unlock
          </button>
          <button type="button" onClick={onCancel}>
            Back
          </button>
        </div>
      </form>
    </section>
  );
}
