export {
  IN_TOTO_PAYLOAD_TYPE,
  makeStatement,
  parseStatement,
  STATEMENT_TYPE,
  StatementSchema,
  SubjectSchema,
  type Statement,
  type StatementParse,
  type Subject,
} from './statement';
