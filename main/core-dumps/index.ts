export {
  coreDumpStatus,
  parseCoreLimit,
  pipeHandler,
  refuseUnlockIfCoreDumpsPossible,
  type CoreDumpStatus,
  type CoreLimit,
  type ProcReader,
} from './core-dumps';
