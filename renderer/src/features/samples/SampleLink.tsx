import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';

/**
 * A link to one sample's view; `find` marks those words and opens it at `message` (0-based),
 * or else at the first message holding them all.
 */
export function SampleLink({
  logId,
  sampleId,
  epoch,
  find,
  message,
  children,
}: {
  readonly logId: number;
  readonly sampleId: string;
  readonly epoch: number;
  readonly find?: string;
  readonly message?: number | null;
  readonly children: ReactNode;
}) {
  return (
    <Link
      to="/logs/$logId/samples/$sampleId"
      params={{ logId, sampleId }}
      search={{
        epoch,
        ...(find === undefined ? {} : { q: find }),
        ...(message === undefined || message === null ? {} : { message }),
      }}
    >
      {children}
    </Link>
  );
}
