import type { ClassificationLevel, ClassificationMarking } from '../../../common/classification';
import styles from './ClassificationBanner.module.css';

/** The standard banner colour per level (tokens.css). */
const LEVEL_CLASS: Readonly<Record<ClassificationLevel, string | undefined>> = {
  UNCLASSIFIED: styles.unclassified,
  CUI: styles.cui,
  CONFIDENTIAL: styles.confidential,
  SECRET: styles.secret,
  'TOP SECRET': styles.topSecret,
  'TS/SCI': styles.tsSci,
};

/** The marking, top and bottom of every screen; "not yet known" until it is: never unmarked. */
export function ClassificationBanner({
  marking,
  position,
}: {
  readonly marking: ClassificationMarking | undefined;
  readonly position: 'top' | 'bottom';
}) {
  if (!marking) {
    return (
      <div
        className={styles.unknown}
        data-position={position}
        role="note"
        aria-label="Classification not yet known"
      >
        CLASSIFICATION NOT YET KNOWN
      </div>
    );
  }
  return (
    <div
      className={LEVEL_CLASS[marking.level]}
      data-position={position}
      data-level={marking.level}
      role="note"
      aria-label={`Classification: ${marking.marking}`}
    >
      {marking.marking}
    </div>
  );
}
