export * from '../../common/trust';
export {
  formatFingerprint,
  keysWithRole,
  ROSTER_PREDICATE_TYPE,
  type RosterDocument,
  type RosterKey,
} from './roster';
export {
  createTrustService,
  type Roster,
  type RosterChange,
  type TrustService,
} from './trust-service';
