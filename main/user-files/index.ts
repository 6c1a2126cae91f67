export {
  FileProblem,
  OPEN_FLAGS,
  readRegularFile,
  requireRegular,
  requireSameRegular,
  statOrExplain,
} from './regular-file';
