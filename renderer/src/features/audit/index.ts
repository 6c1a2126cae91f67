export { AuditScreen } from './AuditScreen';
export { AuditSearch } from './search';
