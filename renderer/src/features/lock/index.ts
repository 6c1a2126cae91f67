export { LockScreen } from './LockScreen';
export { LockSearch } from './search';
