import type { ResponseOf } from '../../../common/ipc';

type Marking = ResponseOf<'getWorkstationStatus'>['classification'];

/** CSS modifier per level: the standard banner colours (styles.css). */
const LEVEL_CLASS: Readonly<Record<Marking['level'], string>> = {
  UNCLASSIFIED: 'unclassified',
  CUI: 'cui',
  CONFIDENTIAL: 'confidential',
  SECRET: 'secret',
  'TOP SECRET': 'top-secret',
  'TS/SCI': 'ts-sci',
};

export function ClassificationBanner({
  marking,
  position,
}: {
  readonly marking: Marking;
  readonly position: 'top' | 'bottom';
}) {
  return (
    <div
      className={`classification-banner classification-banner--${LEVEL_CLASS[marking.level]}`}
      data-position={position}
      data-level={marking.level}
      role="note"
      aria-label={`Classification: ${marking.marking}`}
    >
      {marking.marking}
    </div>
  );
}

/** Shown until the workstation's marking is known: never an unmarked screen. */
export function UnknownClassificationBanner({ position }: { readonly position: 'top' | 'bottom' }) {
  return (
    <div
      className="classification-banner classification-banner--unknown"
      data-position={position}
      role="note"
      aria-label="Classification not yet known"
    >
      CLASSIFICATION NOT YET KNOWN
    </div>
  );
}
