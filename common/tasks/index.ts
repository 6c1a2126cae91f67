/** Task references: the signed human expert times per task that time horizons rest on. */
export {
  MAX_BENCHMARKS,
  MAX_TASK_MINUTES,
  MAX_TASKS_PER_BENCHMARK,
  ReferenceBenchmarkSchema,
  ReferenceTaskSchema,
  TASK_REFERENCE_SIGNER_ROLES,
  TASK_REFERENCE_TYPE,
  TaskReferenceSchema,
  TIME_SOURCES,
  type ReferenceBenchmark,
  type ReferenceTask,
  type TaskReference,
  type TaskReferenceInput,
  type TimeSource,
} from './document';
