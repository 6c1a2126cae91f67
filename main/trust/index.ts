export {
  formatFingerprint,
  keysWithRole,
  ROLES,
  ROSTER_PREDICATE_TYPE,
  THRESHOLD_NAMES,
  type Role,
  type RosterDocument,
  type RosterKey,
  type ThresholdName,
} from './roster';
export {
  createTrustService,
  type Roster,
  type RosterChange,
  type TrustService,
} from './trust-service';
