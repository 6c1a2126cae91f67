export * from '../../common/trust';
export {
  formatFingerprint,
  keysWithRole,
  ROSTER_PREDICATE_TYPE,
  type RosterDocument,
  type RosterKey,
} from './roster';
export { verifyChain, type ChainCheck, type StoredVersion } from './chain';
export {
  createTrustService,
  type Roster,
  type RosterChange,
  type TrustService,
} from './trust-service';
