/**
 * Evaluation of threshold sets against imported evidence (docs/evaluation.md): the pure
 * engine, the shapes it returns, and the service that feeds it from the database.
 */
export { evaluate } from './evaluate';
export { Z_95 } from './bounds';
export {
  createEvaluationService,
  readModelEvidence,
  type EvaluationService,
  type ModelSummary,
} from './evaluation-service';
export type {
  EvidenceClaim,
  EvidenceLog,
  EvidenceMetric,
  ModelEvidence,
  ModelRef,
  SampleScore,
} from './evidence';
export {
  EvaluationSchema,
  RuleOutcomeSchema,
  type Evaluation,
  type Outcome,
  type RuleOutcome,
  type RuleStatus,
  type SeenEvidence,
  type SourceLog,
  type ValueSource,
} from './outcome';
