import { useEffect } from 'react';
import { useLocation, useRouter } from '@tanstack/react-router';
import { Button } from '../ui';

/** Electron has no browser chrome: Back and Forward over the in-memory history (Alt+←, Alt+→). */
export function HistoryButtons() {
  const router = useRouter();
  const index = useLocation({ select: (location) => location.state.__TSR_index });
  const { history } = router;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || isEditable(event.target)) return;
      if (event.key === 'ArrowLeft') history.back();
      else if (event.key === 'ArrowRight') history.forward();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [history]);
  return (
    <>
      <Button
        variant="bar"
        aria-keyshortcuts="Alt+ArrowLeft"
        disabled={index <= 0}
        onClick={() => {
          history.back();
        }}
      >
        <span aria-hidden="true">← </span>Back
      </Button>
      <Button
        variant="bar"
        aria-keyshortcuts="Alt+ArrowRight"
        disabled={index >= history.length - 1}
        onClick={() => {
          history.forward();
        }}
      >
        Forward<span aria-hidden="true"> →</span>
      </Button>
    </>
  );
}

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}
