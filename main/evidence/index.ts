export {
  createEvidenceStore,
  sha256OfFile,
  type HashOptions,
  STAGING_DIR,
  type EvidenceStore,
  type StagingArea,
} from './evidence-store';
export { copySource, type CopiedSource, type CopyOptions } from './source-file';
