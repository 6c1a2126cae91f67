import { useId, type ReactNode } from 'react';
import styles from './Section.module.css';

/** A titled region of a screen (a landmark named by its h2). */
export function Section({
  title,
  width = 'text',
  children,
}: {
  readonly title: ReactNode;
  /** text: a readable measure; full: tables and reports. */
  readonly width?: 'text' | 'full';
  readonly children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={width === 'full' ? styles.full : styles.text}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A region that says what will appear here and what to do to get it. */
export function EmptyState({
  title,
  children,
}: {
  readonly title: string;
  readonly children: ReactNode;
}) {
  return (
    <section aria-label={title} className={styles.empty}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
