export {
  CLASSIFICATION_LEVELS,
  ClassificationMarkingSchema,
  InvalidMarkingError,
  parseMarking,
  type ClassificationLevel,
  type ClassificationMarking,
} from './marking';
