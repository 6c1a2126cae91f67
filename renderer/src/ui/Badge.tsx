import type { ReactNode } from 'react';
import styles from './Badge.module.css';

export type BadgeTone = 'success' | 'warning' | 'danger' | 'neutral';

/** A short status in words and colour (the words carry it; the colour only helps). */
export function Badge({
  tone,
  title,
  children,
}: {
  readonly tone: BadgeTone;
  readonly title?: string;
  readonly children: ReactNode;
}) {
  return (
    <span className={styles[tone]} title={title}>
      {children}
    </span>
  );
}
