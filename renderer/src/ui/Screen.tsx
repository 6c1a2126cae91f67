import type { ReactNode } from 'react';
import styles from './Screen.module.css';

/**
 * A screen's title and content. The title is the page's one h1; the app shell moves focus
 * to it on navigation, so keyboard and screen-reader users land on the new view.
 */
export function Screen({
  title,
  children,
}: {
  readonly title: ReactNode;
  readonly children: ReactNode;
}) {
  return (
    <>
      <h1 tabIndex={-1} className={styles.title}>
        {title}
      </h1>
      {children}
    </>
  );
}
