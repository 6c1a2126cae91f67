/**
 * What a log may cost us to read. Logs arrive from outside (a lab's bundle), so every
 * quantity that grows with the input is capped: inflated bytes and compression ratios
 * (zip bombs), zip members (a central directory of a million empty entries), what
 * JSON.parse may build from one JSON text (nesting, values) and extracted text
 * (attachment references can repeat one large attachment many times over).
 */
import { DeskError } from '../../common/errors';

export interface ReadLimits {
  /** Bytes inflated from all members of one `.eval` log together. */
  readonly maxTotalBytes: number;
  /** Bytes of one JSON text: one `.eval` member inflated, or a whole `.json` log. */
  readonly maxMemberBytes: number;
  /** Largest inflated/compressed ratio of a member over `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
  /** Entries in the zip's central directory. */
  readonly maxMembers: number;
  /** Characters of text extracted from one log's samples (inputs, targets, transcripts). */
  readonly maxTextChars: number;
  /** Nesting of arrays and objects in one JSON text. */
  readonly maxJsonDepth: number;
  /** Values (strings, numbers, arrays, objects…) in one JSON text, keys included. */
  readonly maxJsonValues: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxTotalBytes: 2048 * MiB,
  // A member becomes one JavaScript string before JSON.parse, and V8 caps strings at
  // about 2^29 characters; 256 MiB stays well clear of that and above any real sample.
  maxMemberBytes: 256 * MiB,
  // As for the bundle (main/zip): Inspect's JSON deflates 5 to 30-fold, a bomb 1000-fold.
  maxRatio: 200,
  ratioFloorBytes: MiB,
  // Inspect writes one member per sample and epoch plus a handful of others.
  maxMembers: 200_000,
  // Text is a subset of the JSON it comes from, so a real log stays far below this;
  // only attachment amplification can approach it.
  maxTextChars: 512 * MiB,
  // Real logs nest about a dozen deep; V8's parser is not recursive, but what reads its result is.
  maxJsonDepth: 512,
  // The largest member of the shared Inspect fixtures holds about 126,000 values, the
  // bench's about 27,000. JSON.parse allocates every value on the heap (8 million empty
  // objects take about 500 MB), and an array of more than 2^27 elements is a fatal V8
  // error no worker limit catches, so this stays far below both.
  maxJsonValues: 8_000_000,
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
