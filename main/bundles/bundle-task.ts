/**
 * What the main process and the bundle worker (bundle.worker.ts) say to each other: the
 * task, the events it reports on the way, and its answer. Keys and file paths go in; checks
 * and small facts come back. The evidence itself never crosses: the worker reads it,
 * stores it and writes its rows.
 */
import type { PublicKey } from '../crypto';
import type { BundleLimits } from '../inspect';
import type { ZipLimits } from '../zip';
import type { Check } from '../../common/bundles';
import type { BundleProgress } from './verify-bundle';

export interface BundlePolicy {
  readonly labKeys: readonly PublicKey[];
  readonly labThreshold: number;
  readonly limits?: ZipLimits;
  /** When the main process asked (ISO 8601): no signed time may lie later. */
  readonly verifiedAt?: string;
  readonly evidenceLimits?: Partial<BundleLimits>;
}

export interface VerifyTask {
  readonly kind: 'verify';
  readonly file: string;
  readonly policy: BundlePolicy;
  /** A staging folder the main process made, for the copy of the file that is verified. */
  readonly staging: string;
}

export interface ImportTask {
  readonly kind: 'import';
  readonly file: string;
  readonly policy: BundlePolicy;
  readonly rosterVersion: number | null;
  /** The database file and evidence store the worker opens for itself. */
  readonly database: string;
  readonly dataDir: string;
  readonly evidenceDir: string;
  /** The staging folder the main process made; it lives until the import is settled. */
  readonly staging: string;
  /** When the import started (the main process's clock), until completion sets its own. */
  readonly startedAt: string;
}

export type BundleTask = VerifyTask | ImportTask;

export type BundleEvent =
  | { readonly kind: 'progress'; readonly progress: BundleProgress }
  /** The file's SHA-256, once known. */
  | { readonly kind: 'hashed'; readonly digest: string }
  /** The bundle row exists, still importing: from now on a failure leaves rows to discard. */
  | { readonly kind: 'pending'; readonly bundleId: number };

export type VerifyAnswer =
  | { readonly ok: true; readonly summary: string; readonly checks: readonly Check[] }
  | { readonly ok: false; readonly reason: string; readonly checks: readonly Check[] };

export type ImportAnswer =
  /** The file is not a regular file, or cannot be read: `reason` completes "rejected: …". */
  | { readonly status: 'unreadable'; readonly reason: string }
  | { readonly status: 'already-imported'; readonly digest: string; readonly bundleId: number }
  /** Another import of the same file (this process or another) has not finished. */
  | { readonly status: 'in-progress'; readonly digest: string }
  | {
      readonly status: 'rejected';
      readonly digest: string;
      readonly reason: string;
      readonly checks: readonly Check[];
    }
  /** Every row is written under a bundle still importing; the main process completes it. */
  | {
      readonly status: 'written';
      readonly digest: string;
      readonly bundleId: number;
      readonly summary: string;
      readonly checks: readonly Check[];
      readonly model: string;
      readonly evaluator: string;
      readonly signedBy: readonly string[];
    };
