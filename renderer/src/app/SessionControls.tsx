import { useLocation, useNavigate } from '@tanstack/react-router';
import { useDeskMutation, useSession } from '../desk';
import { Button } from '../ui';
import styles from './AppShell.module.css';

/** Who is unlocked, and Lock; or Unlock, which returns here afterwards. */
export function SessionControls() {
  const session = useSession().data?.session ?? null;
  const here = useLocation({ select: (location) => location.href });
  const onLockScreen = useLocation({ select: (location) => location.pathname === '/lock' });
  const navigate = useNavigate();
  const lock = useDeskMutation('lock', { invalidates: ['getSession'] });
  if (!session) {
    return (
      <Button
        variant="bar"
        disabled={onLockScreen}
        onClick={() => void navigate({ to: '/lock', search: { from: here } })}
      >
        Unlock
      </Button>
    );
  }
  return (
    <>
      <span role="status" aria-label="Unlocked identity" className={styles.identity}>
        {session.name} · {session.roles.join(', ')}
      </span>
      <Button
        variant="bar"
        disabled={lock.isPending}
        onClick={() => {
          lock.mutate(
            {},
            { onSuccess: () => void navigate({ to: '/lock', search: { from: here } }) },
          );
        }}
      >
        Lock
      </Button>
    </>
  );
}
