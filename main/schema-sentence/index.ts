export {
  describeIssue,
  firstIssueSentence,
  formatPath,
  isMissing,
  typeName,
  type IssueDescriber,
} from './schema-sentence';
