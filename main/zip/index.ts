export {
  DEFAULT_ZIP_LIMITS,
  SafeZip,
  ZipRejection,
  type ZipEntry,
  type ZipLimits,
} from './safe-zip';
export { collisionKey, entryName, type EntryName } from './entry-name';
