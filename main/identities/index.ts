export {
  createIdentityService,
  unlockDelayMs,
  type Identity,
  type IdentityService,
  type Session,
  type UnlockOptions,
} from './identity-service';
