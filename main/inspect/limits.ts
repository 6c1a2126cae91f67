/**
 * What a log may cost us to read. Logs arrive from outside (a lab's bundle), so every
 * quantity that grows with the input is capped: inflated bytes (zip bombs), zip members
 * (a central directory of a million empty entries) and extracted text (attachment
 * references can repeat one large attachment many times over).
 */
import { DeskError } from '../../common/errors';

export interface ReadLimits {
  /** Bytes inflated from all members together; for a `.json` log, the size of the file. */
  readonly maxTotalBytes: number;
  /** Bytes inflated from one member. */
  readonly maxMemberBytes: number;
  /** Entries in the zip's central directory. */
  readonly maxMembers: number;
  /** Characters of text extracted from all samples (inputs, targets, transcripts). */
  readonly maxTextChars: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxTotalBytes: 2048 * MiB,
  // A member becomes one JavaScript string before JSON.parse, and V8 caps strings at
  // about 2^29 characters; 256 MiB stays well clear of that and above any real sample.
  maxMemberBytes: 256 * MiB,
  // Inspect writes one member per sample and epoch plus a handful of others.
  maxMembers: 200_000,
  // Text is a subset of the JSON it comes from, so a real log stays far below this;
  // only attachment amplification can approach it.
  maxTextChars: 512 * MiB,
};

/** The limits in force: the defaults, with any the caller names replaced. */
export function resolveLimits(limits: Partial<ReadLimits> | undefined): ReadLimits {
  const resolved = { ...DEFAULT_READ_LIMITS, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new DeskError('INVALID_ARGUMENT', `The read limit ${name} must be a positive integer.`);
    }
  }
  return resolved;
}

/** Sizes as people read them: 16 MiB, 2 GiB, 1500 bytes. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MiB && bytes % (1024 * MiB) === 0) return `${bytes / (1024 * MiB)} GiB`;
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  return `${bytes} bytes`;
}

/** Counts extracted characters against `maxTextChars` across a whole log. */
export class TextBudget {
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly onExceeded: (limit: number) => never,
  ) {}

  /** Records `text` as extracted and returns it; throws once the log's total passes the limit. */
  take(text: string): string {
    this.used += text.length;
    if (this.used > this.limit) this.onExceeded(this.limit);
    return text;
  }
}
