import { useState, type KeyboardEvent } from 'react';
import { getRouteApi, useCanGoBack, useRouter } from '@tanstack/react-router';
import { useDeskMutation, useDeskQuery } from '../../desk';
import { Button, CallFailed, Field, Screen, Section } from '../../ui';
import styles from './Lock.module.css';

const route = getRouteApi('/lock');

/** Choose an identity, type its passphrase: the secret key is opened in the main process. */
export function LockScreen() {
  const { from } = route.useSearch();
  const router = useRouter();
  const canGoBack = useCanGoBack();
  const identities = useDeskQuery('listIdentities', {});
  const unlock = useDeskMutation('unlock', { invalidates: ['getSession'] });
  const [keyid, setKeyid] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [capsLock, setCapsLock] = useState(false);

  // Every way here pushes /lock?from=<where the user was>, so going back returns there.
  const leave = () => {
    if (from && canGoBack) router.history.back();
    else void router.navigate({ href: from ?? '/inbox', replace: true });
  };
  const list = identities.data?.identities ?? [];
  const chosen = keyid || list[0]?.keyid || '';
  const disabled = list.length === 0 || unlock.isPending;
  const submit = async () => {
    const attempt = passphrase;
    setPassphrase('');
    try {
      await unlock.mutateAsync({ keyid: chosen, passphrase: attempt });
      leave();
    } catch {
      // The refusal is shown from unlock.error.
    }
  };
  const watchCapsLock = (event: KeyboardEvent) => {
    setCapsLock(event.getModifierState('CapsLock'));
  };

  return (
    <Screen title="Unlock">
      {identities.isError && <CallFailed error={identities.error} />}
      {identities.isPending && <p aria-busy="true">Loading identities…</p>}
      {identities.isSuccess && (
        <Section title="Your key">
          {list.length === 0 ? (
            <p>
              No identity is enrolled on this workstation. An administrator enrols reviewers,
              designation authorities and auditors with their sealed key files (
              <code>desk user add</code>); each then unlocks here with their passphrase.
            </p>
          ) : (
            <p>
              Choose your identity and type your passphrase. Your key stays on this workstation.
            </p>
          )}
          <form
            className={styles.form}
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <Field label="Identity">
              {(control) => (
                <select
                  {...control}
                  disabled={disabled}
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
              )}
            </Field>
            <Field
              label="Passphrase"
              hint={
                capsLock ? (
                  <span role="status" className={styles.capsLock}>
                    Caps Lock is on.
                  </span>
                ) : undefined
              }
              error={unlock.error?.message ?? null}
            >
              {(control) => (
                <input
                  {...control}
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  disabled={disabled}
                  value={passphrase}
                  onChange={(event) => {
                    setPassphrase(event.target.value);
                  }}
                  onKeyDown={watchCapsLock}
                  onKeyUp={watchCapsLock}
                />
              )}
            </Field>
            <div className={styles.actions}>
              <Button
                type="submit"
                variant="primary"
                disabled={disabled || passphrase.length === 0}
              >
                {unlock.isPending ? 'Unlocking…' : 'Unlock'}
              </Button>
              <Button onClick={leave}>Cancel</Button>
            </div>
          </form>
        </Section>
      )}
    </Screen>
  );
}
