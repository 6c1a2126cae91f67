/**
 * Classification markings as written on banners, memos and exports.
 *
 * A marking is `LEVEL[//CONTROL[//CONTROL...]]` in the banner-line style of the
 * CAPCO register, e.g. `SECRET//NOFORN` or `TOP SECRET//SI//NOFORN`. The level
 * decides the banner colour; an SCI control system on a TOP SECRET marking makes
 * it TS/SCI (yellow). We validate the shape and the level strictly and keep the
 * controls as written: the register of controls is the security officer's, not ours.
 */
import { z } from 'zod';

export const CLASSIFICATION_LEVELS = [
  'UNCLASSIFIED',
  'CUI',
  'CONFIDENTIAL',
  'SECRET',
  'TOP SECRET',
  'TS/SCI',
] as const;

export type ClassificationLevel = (typeof CLASSIFICATION_LEVELS)[number];

export const ClassificationMarkingSchema = z.strictObject({
  /** The normalised banner line, e.g. `SECRET//NOFORN`. */
  marking: z.string(),
  level: z.enum(CLASSIFICATION_LEVELS),
  controls: z.array(z.string()).readonly(),
});
export type ClassificationMarking = z.infer<typeof ClassificationMarkingSchema>;

const LEVEL_ALIASES: Readonly<Record<string, ClassificationLevel>> = {
  U: 'UNCLASSIFIED',
  UNCLASSIFIED: 'UNCLASSIFIED',
  CUI: 'CUI',
  CONTROLLED: 'CUI',
  C: 'CONFIDENTIAL',
  CONFIDENTIAL: 'CONFIDENTIAL',
  S: 'SECRET',
  SECRET: 'SECRET',
  TS: 'TOP SECRET',
  'TOP SECRET': 'TOP SECRET',
};

/** SCI control systems (CAPCO register): their presence on TOP SECRET makes the marking TS/SCI. */
const SCI_CONTROL_SYSTEMS = new Set(['SCI', 'SI', 'TK', 'HCS', 'G', 'KDK', 'RSV']);

const CONTROL_PATTERN = /^[A-Z0-9][A-Z0-9 ,/-]{0,63}$/;
const MAX_MARKING_LENGTH = 200;

export class InvalidMarkingError extends Error {
  override readonly name = 'InvalidMarkingError';
}

/** Parses a banner line; throws InvalidMarkingError with a sentence a user can act on. */
export function parseMarking(input: string): ClassificationMarking {
  const text = input.trim().replace(/\s+/g, ' ').toUpperCase();
  if (text.length === 0) {
    throw new InvalidMarkingError('The classification marking is empty.');
  }
  if (text.length > MAX_MARKING_LENGTH) {
    throw new InvalidMarkingError(
      `The classification marking is longer than ${MAX_MARKING_LENGTH} characters.`,
    );
  }
  const [levelPart = '', ...controlParts] = text.split('//').map((part) => part.trim());
  const baseLevel = LEVEL_ALIASES[levelPart];
  if (baseLevel === undefined) {
    throw new InvalidMarkingError(
      `"${levelPart}" is not a classification level; use one of UNCLASSIFIED, CUI, CONFIDENTIAL, SECRET or TOP SECRET.`,
    );
  }
  for (const control of controlParts) {
    if (!CONTROL_PATTERN.test(control)) {
      throw new InvalidMarkingError(
        `"${control}" is not a valid control marking (letters, digits, spaces, commas, hyphens and single slashes only).`,
      );
    }
  }
  const level =
    baseLevel === 'TOP SECRET' && controlParts.some((c) => isSciControl(c)) ? 'TS/SCI' : baseLevel;
  return {
    marking: [baseLevel, ...controlParts].join('//'),
    level,
    controls: controlParts,
  };
}

function isSciControl(control: string): boolean {
  // A control such as "SI-G" or "TK/HCS-P" names its system before the first '-' or '/'.
  return control.split(/[/ ]/).some((part) => SCI_CONTROL_SYSTEMS.has(part.split('-')[0] ?? ''));
}
