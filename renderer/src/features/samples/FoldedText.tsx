import { useState } from 'react';
import { formatCount } from '../../format';
import { Button } from '../../ui';
import { contains, highlighted } from './highlight';
import styles from './Sample.module.css';

/** Past this many lines or characters, a text is shown folded with "Show all". */
const FOLD_LINES = 30;
const FOLD_CHARS = 4000;

/**
 * Text from the evidence, as text: a <pre> of text nodes (React escapes them), never
 * markup. Long texts are folded; Copy puts the whole text on the clipboard.
 */
export function FoldedText({
  text,
  find,
  label,
}: {
  readonly text: string;
  readonly find?: string | undefined;
  /** What the text is, for the Copy button's accessible name. */
  readonly label: string;
}) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const lines = text.split('\n');
  const long = lines.length > FOLD_LINES || text.length > FOLD_CHARS;
  const head = long ? lines.slice(0, FOLD_LINES).join('\n').slice(0, FOLD_CHARS) : text;
  // A text holding what is looked for is shown whole: no match hides in a fold.
  const unfolded = open || (find !== undefined && contains(text, find));
  const shown = unfolded ? text : head;
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => {
        setCopied('copied');
      },
      () => {
        setCopied('failed');
      },
    );
  };
  return (
    <div className={styles.text}>
      <pre className={styles.pre}>{highlighted(shown, find)}</pre>
      <div className={styles.textActions}>
        {long && (
          <Button
            variant="link"
            aria-expanded={unfolded}
            onClick={() => {
              setOpen(!unfolded);
            }}
          >
            {unfolded
              ? 'Fold'
              : `Show all (${formatCount(lines.length)} lines, ${formatCount(text.length)} characters)`}
          </Button>
        )}
        <Button variant="link" aria-label={`Copy ${label}`} onClick={copy}>
          Copy
        </Button>
        <span role="status" className={styles.meta}>
          {copied === 'copied' ? 'Copied.' : copied === 'failed' ? 'Could not copy.' : ''}
        </span>
      </div>
    </div>
  );
}
