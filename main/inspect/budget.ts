/**
 * What all the logs of one bundle may cost together. Each log is read one at a time and
 * has its own limits (limits.ts), but a bundle may hold thousands of logs, so the bytes
 * inflated, the text stored and the attachments resolved are also counted across the
 * bundle and capped. An attachment counts once per sample however often it is referenced
 * (transcript.ts writes it out in full once per stored text), so what is stored grows with
 * the distinct attachment bytes, not with the references to them.
 */
import { formatBytes } from './limits';

export interface BundleLimits {
  /** Bytes of one log as the bundle holds it: an `.eval` archive, or a `.json` log. */
  readonly maxLogBytes: number;
  /** Bytes inflated from the members of every log (for a `.json` log, its size). */
  readonly maxInflatedBytes: number;
  /** Characters of text stored from every log's samples, attachments resolved. */
  readonly maxTextChars: number;
  /** Characters of distinct attachments resolved (each once per sample). */
  readonly maxAttachmentChars: number;
}

const MiB = 1024 * 1024;

/**
 * The bench's 200 MB bundle (24 logs, 7,190 samples) inflates to 881 MB and stores less
 * text than that; these leave it an order of magnitude of room while keeping a hostile
 * bundle's database growth and reading time bounded.
 */
export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  // A log is read whole into memory before its members are; 1 GiB is over 100 bench logs (8.5 MB each).
  maxLogBytes: 1024 * MiB,
  maxInflatedBytes: 8 * 1024 * MiB,
  maxTextChars: 4 * 1024 * MiB,
  maxAttachmentChars: 2 * 1024 * MiB,
};

/** A bundle's budget ran out; the message completes "The Inspect log x.eval …". */
export class BudgetExceeded extends Error {
  override readonly name = 'BudgetExceeded';
}

export class EvidenceBudget {
  private inflated = 0;
  private text = 0;
  private attachments = 0;

  readonly limits: BundleLimits;

  /** The defaults, with any limit `limits` names replaced. */
  constructor(limits: Partial<BundleLimits> = {}) {
    this.limits = { ...DEFAULT_BUNDLE_LIMITS, ...limits };
  }

  /** Counts bytes about to be inflated, before inflating them. */
  inflate(bytes: number): void {
    this.inflated += bytes;
    if (this.inflated > this.limits.maxInflatedBytes) {
      throw new BudgetExceeded(
        `takes the bundle's logs past ${formatBytes(this.limits.maxInflatedBytes)} inflated in all (the bundle's limit)`,
      );
    }
  }

  /** Counts characters of text about to be stored. */
  store(chars: number): void {
    this.text += chars;
    if (this.text > this.limits.maxTextChars) {
      throw new BudgetExceeded(
        `takes the text of the bundle's logs past ${this.limits.maxTextChars} characters once attachments are resolved (the bundle's text limit)`,
      );
    }
  }

  /** Counts a distinct attachment's characters, the first time a sample resolves it. */
  attach(chars: number): void {
    this.attachments += chars;
    if (this.attachments > this.limits.maxAttachmentChars) {
      throw new BudgetExceeded(
        `takes the attachments of the bundle's logs past ${this.limits.maxAttachmentChars} characters (the bundle's attachment limit)`,
      );
    }
  }
}
