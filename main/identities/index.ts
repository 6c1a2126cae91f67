export * from '../../common/identities';
export {
  createIdentityService,
  type IdentityService,
  type UnlockOptions,
} from './identity-service';
