import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';

/** A link to one sample's view; `find` opens it at the first message holding those words. */
export function SampleLink({
  logId,
  sampleId,
  epoch,
  find,
  children,
}: {
  readonly logId: number;
  readonly sampleId: string;
  readonly epoch: number;
  readonly find?: string;
  readonly children: ReactNode;
}) {
  return (
    <Link
      to="/logs/$logId/samples/$sampleId"
      params={{ logId, sampleId }}
      search={find === undefined ? { epoch } : { epoch, q: find }}
    >
      {children}
    </Link>
  );
}
