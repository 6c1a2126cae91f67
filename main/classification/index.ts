export {
  CLASSIFICATION_LEVELS,
  InvalidMarkingError,
  parseMarking,
  type ClassificationLevel,
  type ClassificationMarking,
} from './marking';
