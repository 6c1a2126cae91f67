export {
  createIdentityService,
  type Identity,
  type IdentityService,
  type Session,
  type UnlockOptions,
} from './identity-service';
