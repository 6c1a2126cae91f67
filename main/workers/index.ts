export {
  runWorker,
  WorkerFailure,
  type RunWorkerOptions,
  type WorkerFailureKind,
} from './run-worker';
export { serveTask, WORKER_NICE, type TaskContext } from './serve-task';
