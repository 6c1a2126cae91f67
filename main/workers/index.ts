export {
  runWorker,
  WorkerFailure,
  type RunWorkerOptions,
  type WorkerFailureKind,
} from './run-worker';
export { serveTask, type TaskContext } from './serve-task';
