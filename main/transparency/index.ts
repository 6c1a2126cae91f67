/**
 * Transparency-log building blocks for the audit log (docs/formats.md, "Audit log
 * proofs"): the RFC 6962 Merkle tree and its proofs, C2SP checkpoints and signed notes.
 */
export {
  EMPTY_ROOT,
  HASH_BYTES,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
export {
  formatCheckpoint,
  parseCheckpoint,
  type Checkpoint,
  type ParsedCheckpoint,
} from './checkpoint';
export {
  MAX_NOTE_SIGNATURES,
  noteKeyId,
  openNote,
  signNote,
  type NoteKey,
  type OpenedNote,
} from './signed-note';
