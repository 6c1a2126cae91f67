/**
 * Task references: the signed human expert times per task that time horizons rest on
 * (docs/formats.md, "Task reference (v1)"). The document's schema is the common layer's,
 * re-exported here as this service's public face.
 */
export * from '../../common/tasks';
export { parseTaskReference } from './parse-document';
export {
  checkStoredVersion,
  subjectName,
  TASK_REFERENCE_PREDICATE_TYPE,
  type StoredCheck,
} from './signed-reference';
export {
  createTaskReferenceService,
  type BenchmarkCount,
  type BenchmarkTasks,
  type ImportedReference,
  type StoredReference,
  type TaskReferenceMeta,
  type TaskReferenceService,
  type TaskReferenceServiceDeps,
  type TaskTime,
  type UnverifiedReference,
  type VerifiedReference,
} from './task-reference-service';
