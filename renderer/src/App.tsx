import { useEffect, useRef, useState } from 'react';
import { callDesk } from './desk-client';
import {
  ClassificationBanner,
  UnknownClassificationBanner,
} from './components/ClassificationBanner';
import { ErrorNotice } from './components/ErrorNotice';
import { useDesk } from './use-desk';
import { AuditView } from './views/AuditView';
import { DecisionsView } from './views/DecisionsView';
import { InboxView } from './views/InboxView';
import { LockScreen } from './views/LockScreen';
import { ModelsView } from './views/ModelsView';
import { SettingsView } from './views/SettingsView';

const VIEWS = [
  { id: 'inbox', label: 'Inbox' },
  { id: 'models', label: 'Models' },
  { id: 'decisions', label: 'Decisions' },
  { id: 'audit', label: 'Audit' },
  { id: 'settings', label: 'Settings' },
] as const;

type ViewId = (typeof VIEWS)[number]['id'] | 'lock';

export function App() {
  const status = useDesk('getWorkstationStatus', {});
  const [view, setView] = useState<ViewId>('inbox');
  const [returnTo, setReturnTo] = useState<ViewId>('inbox');
  const [sessionGeneration, setSessionGeneration] = useState(0);
  const sessionState = useDesk('getSession', {}, sessionGeneration);
  const session = sessionState.state === 'ready' ? sessionState.value.session : null;
  // Poll so an idle lock in the main process shows here too; polling is not activity.
  useEffect(() => {
    const timer = setInterval(() => {
      setSessionGeneration((g) => g + 1);
    }, 15_000);
    return () => {
      clearInterval(timer);
    };
  }, []);
  const lock = async () => {
    await callDesk('lock', {});
    setSessionGeneration((g) => g + 1);
    setView('lock');
  };
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Move focus to the new view's heading so keyboard and screen-reader users land on it.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [view]);

  const marking = status.state === 'ready' ? status.value.classification : undefined;
  const title = view === 'lock' ? 'Unlock' : VIEWS.find((v) => v.id === view)?.label;

  return (
    <div className="app">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="app-header">
        {marking ? (
          <ClassificationBanner marking={marking} position="top" />
        ) : (
          <UnknownClassificationBanner position="top" />
        )}
        <div className="app-bar">
          <span className="app-name">Designation Desk</span>
          <nav aria-label="Primary" className="primary-nav">
            <ul>
              {VIEWS.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    aria-current={view === item.id ? 'page' : undefined}
                    onClick={() => {
                      setView(item.id);
                    }}
                  >
                    {item.label}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          {session ? (
            <>
              <span className="session-badge" aria-label="Unlocked identity">
                {session.name} · {session.roles.join(', ')}
              </span>
              <button type="button" className="lock-button" onClick={() => void lock()}>
                Lock
              </button>
            </>
          ) : (
            <button
              type="button"
              className="lock-button"
              onClick={() => {
                setReturnTo(view === 'lock' ? 'inbox' : view);
                setView('lock');
              }}
            >
              Unlock
            </button>
          )}
        </div>
      </header>
      <main id="content" className="app-main" tabIndex={-1}>
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {status.state === 'failed' && <ErrorNotice error={status.error} />}
        {status.state === 'loading' && <p aria-busy="true">Opening the workstation…</p>}
        {status.state === 'ready' &&
          renderView(view, {
            status: status.value,
            setView,
            sessionKey: session?.keyid ?? 'locked',
            session,
            goUnlock: () => {
              setReturnTo(view === 'lock' ? 'inbox' : view);
              setView('lock');
            },
            onUnlocked: () => {
              setSessionGeneration((g) => g + 1);
              setView(returnTo);
            },
          })}
      </main>
      <footer className="app-footer">
        {marking ? (
          <ClassificationBanner marking={marking} position="bottom" />
        ) : (
          <UnknownClassificationBanner position="bottom" />
        )}
      </footer>
    </div>
  );
}

interface ViewContext {
  readonly status: Parameters<typeof SettingsView>[0]['status'];
  readonly session: Parameters<typeof SettingsView>[0]['session'];
  readonly sessionKey: string;
  readonly setView: (view: ViewId) => void;
  readonly goUnlock: () => void;
  readonly onUnlocked: () => void;
}

function renderView(
  view: ViewId,
  { status, session, sessionKey, setView, goUnlock, onUnlocked }: ViewContext,
) {
  switch (view) {
    case 'inbox':
      return <InboxView />;
    case 'models':
      return <ModelsView sessionKey={sessionKey} onUnlock={goUnlock} />;
    case 'decisions':
      return <DecisionsView />;
    case 'audit':
      return <AuditView />;
    case 'settings':
      return <SettingsView status={status} session={session} sessionKey={sessionKey} />;
    case 'lock':
      return (
        <LockScreen
          onUnlocked={onUnlocked}
          onCancel={() => {
            setView('inbox');
          }}
        />
      );
  }
}
