import type { ReactNode } from 'react';
import styles from './Notice.module.css';

export type NoticeTone = 'info' | 'success' | 'warning' | 'error';

/**
 * A message about what just happened. Errors are alerts (read at once); the rest are
 * status messages (read when the reader is idle).
 */
export function Notice({
  tone,
  title,
  children,
}: {
  readonly tone: NoticeTone;
  readonly title?: string;
  readonly children: ReactNode;
}) {
  return (
    <div className={styles[tone]} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <strong>{title} </strong>}
      {children}
    </div>
  );
}

/** A call main refused: its sentence, and its code for support. */
export function CallFailed({
  error,
  title = 'Could not load this view.',
}: {
  readonly error: { readonly code: string; readonly message: string };
  readonly title?: string;
}) {
  return (
    <Notice tone="error" title={title}>
      {error.message} <span className={styles.code}>({error.code})</span>
    </Notice>
  );
}
