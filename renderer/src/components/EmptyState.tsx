import type { ReactNode } from 'react';

/** What an empty screen says: what will appear here, and what to do to get it. */
export function EmptyState({
  title,
  children,
}: {
  readonly title: string;
  readonly children: ReactNode;
}) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
