import type { ResponseOf } from '../../../common/ipc';

type Check = ResponseOf<'listBundles'>['bundles'][number]['checks'][number];

const STATUS_TEXT: Readonly<Record<Check['status'], string>> = {
  pass: 'Passed',
  fail: 'Failed',
  warn: 'Warning',
  'not-run': 'Not run',
};

/** Every verification check with its outcome, in words as well as colour. */
export function CheckList({
  checks,
  label,
}: {
  readonly checks: readonly Check[];
  readonly label: string;
}) {
  return (
    <ol className="check-list" aria-label={label}>
      {checks.map((check) => (
        <li key={check.id} className={`check check--${check.status}`}>
          <span className="check-status">{STATUS_TEXT[check.status]}</span>
          <span className="check-label">{check.label}</span>
          {check.status !== 'not-run' && <span className="check-detail">{check.detail}</span>}
        </li>
      ))}
    </ol>
  );
}
