import { useEffect, useRef } from 'react';
import { Outlet, useRouter } from '@tanstack/react-router';
import { useDeskQuery } from '../desk';
import { CallFailed, Screen } from '../ui';
import { ClassificationBanner } from './ClassificationBanner';
import { HistoryButtons } from './HistoryButtons';
import { PrimaryNav } from './PrimaryNav';
import { SessionControls } from './SessionControls';
import styles from './AppShell.module.css';

/** Banners top and bottom, the app bar, and the current screen. */
export function AppShell() {
  const status = useDeskQuery('getWorkstationStatus', {});
  const main = useFocusOnNavigation();
  const marking = status.data?.classification;
  return (
    <div className={styles.app}>
      <a className={styles.skipLink} href="#content">
        Skip to content
      </a>
      <header className={styles.header}>
        <ClassificationBanner marking={marking} position="top" />
        <div className={styles.bar}>
          <span className={styles.name}>Designation Desk</span>
          <HistoryButtons />
          <PrimaryNav />
          <div className={styles.session}>
            <SessionControls />
          </div>
        </div>
      </header>
      <main id="content" ref={main} className={styles.main} tabIndex={-1}>
        {status.isError && (
          <Screen title="Designation Desk">
            <CallFailed error={status.error} title="Could not open the workstation." />
          </Screen>
        )}
        {status.isPending && <p aria-busy="true">Opening the workstation…</p>}
        {status.isSuccess && <Outlet />}
      </main>
      <footer className={styles.footer}>
        <ClassificationBanner marking={marking} position="bottom" />
      </footer>
    </div>
  );
}

/** Moves focus to the new screen's h1 once it has rendered, when the path changed (not on a sort). */
function useFocusOnNavigation() {
  const main = useRef<HTMLElement>(null);
  const router = useRouter();
  useEffect(
    () =>
      router.subscribe('onRendered', (event) => {
        if (event.pathChanged) main.current?.querySelector<HTMLElement>('h1')?.focus();
      }),
    [router],
  );
  return main;
}
