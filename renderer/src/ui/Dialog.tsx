import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './Button';
import styles from './Dialog.module.css';

/**
 * A modal on the native <dialog>: it opens on mount with focus on its close button,
 * Escape or Close calls onClose, and focus goes back to where it was.
 */
export function Dialog({
  title,
  tone = 'default',
  closeLabel = 'Close',
  onClose,
  children,
}: {
  readonly title: ReactNode;
  readonly tone?: 'default' | 'danger';
  readonly closeLabel?: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    close.current?.focus();
    return () => {
      element?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className={tone === 'danger' ? styles.danger : styles.dialog}
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onClose();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className={styles.title}>
        {title}
      </h2>
      {children}
      <div className={styles.actions}>
        <Button ref={close} onClick={onClose}>
          {closeLabel}
        </Button>
      </div>
    </dialog>
  );
}
