export {
  IdentitySchema,
  SessionSchema,
  type Identity,
  type Session,
} from '../../common/identities';
export {
  createIdentityService,
  type IdentityService,
  type UnlockOptions,
} from './identity-service';
