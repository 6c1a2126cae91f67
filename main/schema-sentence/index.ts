export { firstIssueSentence, formatPath, isMissing, typeName } from './schema-sentence';
