/**
 * Integrity of a workstation's data directory: what `desk doctor` checks, read-only, against
 * the pinned root, the migrations and the content-addressed evidence.
 */
export { examineWorkstation, type DoctorReport } from './doctor';
export type { CheckResult } from './checks';
