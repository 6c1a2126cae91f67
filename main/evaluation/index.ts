/**
 * Evaluation of threshold sets against imported evidence (docs/evaluation.md): the pure
 * engine, the shapes it returns (the common layer's schemas) and the service that feeds it
 * from the database.
 */
export { evaluate } from './evaluate';
export { horizonJobs, type HorizonBootstraps } from './horizon-rule';
export { taskTimesFrom } from './task-times';
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
  TaskTime,
  TaskTimesLookup,
} from './evidence';
export * from '../../common/evaluation';
export * from '../../common/models';
