/**
 * Judgements on imported evidence (docs/evaluation.md, "Evidence that does not count"):
 * an authority quarantines a bundle, a reviewer accepts a benchmark mapping. Each is
 * written once with its audit event in one transaction, and never changed.
 */
import type { DeskDatabase } from '../../db';
import { DeskError } from '../../common/errors';
import { isPlainText, printable } from '../../common/text';
import type { AuditLog } from '../audit';
import type { UnlockedKey } from '../crypto';
import type { Role, TrustService } from '../trust';

export const MAX_REASON_LENGTH = 1000;

export interface MappingRef {
  readonly bundleId: number;
  readonly logPath: string;
  readonly benchmark: string;
}

export interface ReviewService {
  /** Keeps the bundle but excludes it from every evaluation; `by` must hold the authority role. */
  quarantine(bundleId: number, reason: string, by: UnlockedKey): string;
  /** Lets the log count for the benchmark its bundle filed it under; `by` must be a reviewer. */
  acceptMapping(mapping: MappingRef, reason: string, by: UnlockedKey): string;
}

export interface ReviewServiceDeps {
  readonly db: DeskDatabase;
  readonly trust: TrustService;
  readonly audit: AuditLog;
  readonly now: () => Date;
}

export function createReviewService({ db, trust, audit, now }: ReviewServiceDeps): ReviewService {
  const judge = (by: UnlockedKey, role: Role, reason: string) => {
    if (!trust.keys(role).some((k) => k.keyid === by.keyid)) {
      throw new DeskError(
        'FORBIDDEN',
        `"${printable(by.name)}" does not hold the ${role} role in the trust roster; nothing was changed.`,
      );
    }
    if (reason.length === 0 || reason.length > MAX_REASON_LENGTH || !isPlainText(reason)) {
      throw new DeskError(
        'INVALID_ARGUMENT',
        `The reason must be 1 to ${MAX_REASON_LENGTH} characters of plain text (no control, line-separator or text-direction characters); nothing was changed.`,
      );
    }
    return { byKeyid: by.keyid, byName: by.name, at: now().toISOString(), reason };
  };
  const bundleOf = (bundleId: number) => {
    const bundle = db.review.bundle(bundleId);
    if (bundle === undefined) {
      throw new DeskError(
        'INVALID_ARGUMENT',
        `No imported bundle has id ${bundleId} ("desk bundles" lists them); nothing was changed.`,
      );
    }
    return bundle;
  };

  return {
    quarantine: (bundleId, reason, by) => {
      const judgement = judge(by, 'authority', reason);
      const bundle = bundleOf(bundleId);
      const summary = `Bundle "${bundle.fileName}" quarantined by ${by.name}: ${reason}. It is kept, and no evaluation uses it.`;
      db.transaction(() => {
        if (!db.review.quarantine({ bundleId, ...judgement })) {
          throw new DeskError(
            'INVALID_ARGUMENT',
            `Bundle "${bundle.fileName}" is quarantined already; nothing was changed.`,
          );
        }
        audit.record({
          kind: 'bundle.quarantined',
          actor: by.name,
          summary,
          details: { bundleId, file: bundle.fileName, digest: bundle.digest, by: by.keyid, reason },
        });
      });
      return summary;
    },

    acceptMapping: (mapping, reason, by) => {
      const judgement = judge(by, 'reviewer', reason);
      const bundle = bundleOf(mapping.bundleId);
      const claimed = db.review
        .mappings()
        .find(
          (m) =>
            m.bundleId === mapping.bundleId &&
            m.logPath === mapping.logPath &&
            m.benchmark === mapping.benchmark,
        );
      if (claimed === undefined) {
        throw new DeskError(
          'INVALID_ARGUMENT',
          `Bundle "${bundle.fileName}" files no result of log "${printable(mapping.logPath)}" under benchmark "${printable(mapping.benchmark)}" other than the log's own task, so there is no mapping to accept; nothing was changed.`,
        );
      }
      const summary = `${by.name} accepted that log "${claimed.logPath}" (Inspect task "${printable(claimed.task)}") of bundle "${bundle.fileName}" counts for benchmark "${claimed.benchmark}": ${reason}.`;
      db.transaction(() => {
        const { bundleId, logPath, benchmark } = mapping;
        if (!db.review.acceptMapping({ bundleId, logPath, benchmark, ...judgement })) {
          throw new DeskError(
            'INVALID_ARGUMENT',
            `That mapping of bundle "${bundle.fileName}" was accepted already; nothing was changed.`,
          );
        }
        audit.record({
          kind: 'bundle.mapping-accepted',
          actor: by.name,
          summary,
          details: {
            bundleId: mapping.bundleId,
            file: bundle.fileName,
            digest: bundle.digest,
            logPath: claimed.logPath,
            task: claimed.task,
            benchmark: claimed.benchmark,
            by: by.keyid,
            reason,
          },
        });
      });
      return summary;
    },
  };
}
