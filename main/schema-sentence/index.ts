export {
  describeIssue,
  firstIssuePhrase,
  firstIssueSentence,
  formatPath,
  isMissing,
  typeName,
  type IssueDescriber,
} from './schema-sentence';
