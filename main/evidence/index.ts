export {
  createEvidenceStore,
  sha256OfFile,
  STAGING_DIR,
  type EvidenceStore,
  type StagingArea,
} from './evidence-store';
