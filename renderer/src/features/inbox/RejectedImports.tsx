import type { RejectedImport } from '../../../../common/bundles';
import { formatUtc } from '../../format';
import { Section } from '../../ui';

/** Bundles this workstation refused, newest first, with the reason. */
export function RejectedImports({ rejected }: { readonly rejected: readonly RejectedImport[] }) {
  return (
    <Section title="Rejected imports" width="full">
      <ul>
        {rejected.map((r) => (
          <li key={`${r.recordedAt}-${r.file}`}>
            <time dateTime={r.recordedAt}>{formatUtc(r.recordedAt)}</time> <strong>{r.file}</strong>
            : {r.reason}
          </li>
        ))}
      </ul>
    </Section>
  );
}
