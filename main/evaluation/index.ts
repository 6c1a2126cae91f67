/**
 * Evaluation of threshold sets against imported evidence (docs/evaluation.md): the pure
 * engine, the shapes it returns (the common layer's schemas) and the service that feeds it
 * from the database.
 */
export { evaluate } from './evaluate';
export {
  createEvaluationService,
  readModelEvidence,
  type EvaluationService,
} from './evaluation-service';
export type {
  EvidenceClaim,
  EvidenceLog,
  EvidenceMetric,
  ModelEvidence,
  SampleScore,
} from './evidence';
export * from '../../common/evaluation';
export * from '../../common/models';
