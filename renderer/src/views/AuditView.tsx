import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { useDesk } from '../use-desk';

const PAGE_SIZE = 50;

export function AuditView() {
  const [beforeSeq, setBeforeSeq] = useState<number | null>(null);
  const page = useDesk('listAuditEvents', { limit: PAGE_SIZE, beforeSeq });

  if (page.state === 'loading') return <p aria-busy="true">Loading the audit log…</p>;
  if (page.state === 'failed') return <ErrorNotice error={page.error} />;

  const { events, total } = page.value;
  const oldest = events.at(-1)?.seq;
  return (
    <>
      <p>
        Every security-relevant event on this workstation, newest first. {total} event
        {total === 1 ? '' : 's'} recorded.
      </p>
      <table className="data-table">
        <caption className="visually-hidden">Audit log</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Recorded (UTC)</th>
            <th scope="col">Event</th>
            <th scope="col">By</th>
            <th scope="col">Summary</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.seq}>
              <td className="numeric">{event.seq}</td>
              <td>
                <time dateTime={event.recordedAt}>{formatUtc(event.recordedAt)}</time>
              </td>
              <td>
                <code>{event.kind}</code>
              </td>
              <td>{event.actor ?? 'workstation'}</td>
              <td>{event.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        {beforeSeq !== null && (
          <button
            type="button"
            onClick={() => {
              setBeforeSeq(null);
            }}
          >
            Newest events
          </button>
        )}
        {oldest !== undefined && oldest > 1 && (
          <button
            type="button"
            onClick={() => {
              setBeforeSeq(oldest);
            }}
          >
            Older events
          </button>
        )}
      </div>
    </>
  );
}

function formatUtc(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
