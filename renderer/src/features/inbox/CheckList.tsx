import type { Check, CheckStatus } from '../../../../common/bundles';
import styles from './CheckList.module.css';

const STATUS: Readonly<Record<CheckStatus, { text: string; className: string | undefined }>> = {
  pass: { text: 'Passed', className: styles.pass },
  fail: { text: 'Failed', className: styles.fail },
  warn: { text: 'Warning', className: styles.warn },
  'not-run': { text: 'Not run', className: styles.notRun },
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
    <ol className={styles.list} aria-label={label}>
      {checks.map((check) => (
        <li key={check.id} className={STATUS[check.status].className}>
          <span className={styles.status}>{STATUS[check.status].text}</span>
          <span>{check.label}</span>
          {check.status !== 'not-run' && <span className={styles.detail}>{check.detail}</span>}
        </li>
      ))}
    </ol>
  );
}
